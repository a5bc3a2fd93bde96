package uk.redress.complaint.complaint;

/** The complainant withdrew the complaint; its clocks stop. */
public record Withdrawn(String reason) implements ComplaintEvent {
}
