package uk.redress.complaint.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.calendar.WorkingDayCalendar;

/**
 * A complaint, comment, compliment, appeal or discrimination claim arrived. The deadlines are recorded as they were
 * promised on that day, so that the history still says what was promised if calendars or policies change later.
 *
 * @param reference        the human-readable reference, for example {@code SEND-2026-000123}; null only in a receipt
 *                         decided and not yet numbered
 * @param eventsOccurredOn when what is complained about happened, where the case system knows
 * @param outOfTimeReason  why a complaint about events older than the procedure allows was accepted
 * @param aboutHandler     the complaint is about the first stage's handler, so it starts at the next stage
 * @param stage            the stage the complaint starts at; empty for anything but a complaint
 * @param deadlines        the deadlines that started at receipt, by clock id
 * @param signposting      where an appeal or discrimination claim was pointed instead
 * @param organisation     the organisation the complaint belongs to: only its staff and case systems reach it
 * @param staffConcerned   the staff the complaint is about (user ids): they may not see it or work its tasks
 * @param complainantId    who complains, across their complaints: their personal fields are sealed with their key
 * @param classification   what it is about and who brought it, as far as the case system said
 * @param receivedTime     the time of day it arrived (UK), where the case system said: after a cut-off time the
 *                         deadlines count from the next working day
 * @param procedureVersion the version of the procedure it runs under; absent in complaints received before versions
 *                         were recorded, which run under the first
 */
public record ComplaintReceived(
        String reference,
        String procedure,
        ComplaintKind kind,
        Complainant complainant,
        @PersonalData String summary,
        @PersonalData String details,
        LocalDate receivedOn,
        Optional<LocalDate> eventsOccurredOn,
        @PersonalData Optional<String> outOfTimeReason,
        boolean aboutHandler,
        Optional<String> stage,
        Map<String, Deadline> deadlines,
        Optional<String> signposting,
        String organisation,
        List<String> staffConcerned,
        UUID complainantId,
        Classification classification,
        Optional<LocalTime> receivedTime,
        Optional<Integer> procedureVersion) implements ComplaintEvent {

    public ComplaintReceived {
        // Events stored before kinds existed were all complaints.
        kind = kind == null ? ComplaintKind.COMPLAINT : kind;
        eventsOccurredOn = eventsOccurredOn == null ? Optional.empty() : eventsOccurredOn;
        outOfTimeReason = outOfTimeReason == null ? Optional.empty() : outOfTimeReason;
        stage = stage == null ? Optional.empty() : stage;
        deadlines = deadlines == null ? Map.of() : Map.copyOf(deadlines);
        signposting = signposting == null ? Optional.empty() : signposting;
        classification = classification == null ? Classification.NONE : classification;
        // Complaints stored before organisations existed belong to none: no token reaches them.
        organisation = organisation == null ? "" : organisation;
        staffConcerned = staffConcerned == null ? List.of() : List.copyOf(staffConcerned);
        receivedTime = receivedTime == null ? Optional.empty() : receivedTime;
        procedureVersion = procedureVersion == null ? Optional.empty() : procedureVersion;
    }

    /** This receipt under {@code reference}: a number is drawn only for a receipt decided. */
    public ComplaintReceived numbered(String reference) {
        return new ComplaintReceived(reference, procedure, kind, complainant, summary, details, receivedOn,
                eventsOccurredOn, outOfTimeReason, aboutHandler, stage, deadlines, signposting, organisation,
                staffConcerned, complainantId, classification, receivedTime, procedureVersion);
    }

    /** When it arrived, as its deadlines were counted. */
    public Instant receivedAt() {
        return receivedAt(receivedOn, receivedTime);
    }

    /** At its time of day where the case system said, else at the start of its day (UK). */
    static Instant receivedAt(LocalDate day, Optional<LocalTime> time) {
        return day.atTime(time.orElse(LocalTime.MIDNIGHT)).atZone(WorkingDayCalendar.UK_TIME).toInstant();
    }
}
