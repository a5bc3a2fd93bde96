package uk.redress.complaint.complaint;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A council case system hands over a complaint, comment, compliment, appeal or discrimination claim.
 *
 * @param eventsOccurredOn when what is complained about happened, where known
 * @param outOfTimeReason  why a complaint about older events than the procedure allows is accepted
 * @param aboutHandler     the complaint is about the person who would handle its first stage
 */
public record ReceiveComplaint(
        String procedure, ComplaintKind kind, Complainant complainant, String summary, String details,
        LocalDate receivedOn, Optional<LocalDate> eventsOccurredOn, Optional<String> outOfTimeReason,
        boolean aboutHandler) {

    /** A complaint, nothing more said. */
    public static ReceiveComplaint complaint(String procedure, Complainant complainant, String summary, String details,
                                             LocalDate receivedOn) {
        return new ReceiveComplaint(procedure, ComplaintKind.COMPLAINT, complainant, summary, details, receivedOn,
                Optional.empty(), Optional.empty(), false);
    }
}
