package uk.redress.complaint.core;


/** The complainant withdrew the complaint; its clocks stop. */
public record Withdrawn(@PersonalData String reason) implements ComplaintEvent {
}
