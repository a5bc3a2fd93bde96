package uk.redress.complaint.complaint;

import java.time.LocalDate;

/** A council case system hands over a complaint. */
public record ReceiveComplaint(
        String procedure, Complainant complainant, String summary, String details, LocalDate receivedOn) {
}
