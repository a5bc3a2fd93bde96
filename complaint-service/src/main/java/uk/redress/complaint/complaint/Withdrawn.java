package uk.redress.complaint.complaint;

import uk.redress.complaint.privacy.PersonalData;

/** The complainant withdrew the complaint; its clocks stop. */
public record Withdrawn(@PersonalData String reason) implements ComplaintEvent {
}
