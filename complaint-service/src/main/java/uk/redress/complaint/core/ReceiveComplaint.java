package uk.redress.complaint.core;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A council case system hands over a complaint, comment, compliment, appeal or discrimination claim.
 *
 * @param eventsOccurredOn when what is complained about happened, where known
 * @param outOfTimeReason  why a complaint about older events than the procedure allows is accepted
 * @param aboutHandler     the complaint is about the person who would handle its first stage
 * @param organisation     the organisation of the caller that hands it over
 * @param staffConcerned   the staff it is about (user ids), who must not see it or work it
 * @param complainantId    who complains: one the case system named again, or a new one
 * @param complainantNamed the case system named the complainant (from an earlier complaint): they must exist
 * @param receivedTime     the time of day it arrived (UK), where known
 */
public record ReceiveComplaint(
        String procedure, ComplaintKind kind, Complainant complainant, String summary, String details,
        LocalDate receivedOn, Optional<LocalDate> eventsOccurredOn, Optional<String> outOfTimeReason,
        boolean aboutHandler, String organisation, List<String> staffConcerned, UUID complainantId,
        boolean complainantNamed, Classification classification, Optional<LocalTime> receivedTime) {

    /** A complaint, nothing more said. */
    public static ReceiveComplaint complaint(String procedure, Complainant complainant, String summary, String details,
                                             LocalDate receivedOn, String organisation) {
        return new ReceiveComplaint(procedure, ComplaintKind.COMPLAINT, complainant, summary, details, receivedOn,
                Optional.empty(), Optional.empty(), false, organisation, List.of(), UUID.randomUUID(), false,
                Classification.NONE, Optional.empty());
    }
}
