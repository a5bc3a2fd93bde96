package uk.redress.complaint.web;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import uk.redress.complaint.core.Acknowledged;
import uk.redress.complaint.core.Closed;
import uk.redress.complaint.core.ComplaintReceived;
import uk.redress.complaint.core.DeadlineExtended;
import uk.redress.complaint.core.DeadlineLapsed;
import uk.redress.complaint.core.Escalated;
import uk.redress.complaint.core.InformationReceived;
import uk.redress.complaint.core.ProcedureVersionMoved;
import uk.redress.complaint.core.InformationRequested;
import uk.redress.complaint.core.OmbudsmanDecided;
import uk.redress.complaint.core.OmbudsmanReferred;
import uk.redress.complaint.core.Classification;
import uk.redress.complaint.core.ComplaintClassified;
import uk.redress.complaint.core.ImprovementAgreed;
import uk.redress.complaint.core.ImprovementCompleted;
import uk.redress.complaint.core.PersonalDataErased;
import uk.redress.complaint.core.ProcessIncidentRaised;
import uk.redress.complaint.core.ProcessIncidentRetried;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.core.Responded;
import uk.redress.complaint.core.StageDecided;
import uk.redress.complaint.core.StepCompleted;
import uk.redress.complaint.core.TaskAssigned;
import uk.redress.complaint.core.Withdrawn;
import uk.redress.workflow.calendar.WorkingDayCalendar;

/**
 * One event of a complaint's history as a caseworker reads it. The words come from the events as recorded; the page
 * escapes them.
 *
 * @param detail what was said or decided, as sent; may be empty
 */
public record TimelineEntry(String when, String what, String who, String detail) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);

    static TimelineEntry of(RecordedEvent recorded) {
        String when = ZonedDateTime.ofInstant(recorded.occurredAt(), WorkingDayCalendar.UK_TIME).format(WHEN);
        String who = recorded.context().recordedBy();
        return switch (recorded.event()) {
            case ComplaintReceived received -> new TimelineEntry(when, "Received (" + words(received.kind().name())
                    + ")" + received.stage().map(stage -> " at " + stage).orElse(""), who,
                    received.signposting().orElse(""));
            case Acknowledged acknowledged -> new TimelineEntry(when, "Acknowledged (" + acknowledged.stage() + ")",
                    who, acknowledged.letter());
            case StageDecided decided -> new TimelineEntry(when, "Route chosen: " + decided.route(), who, "");
            case StepCompleted step -> new TimelineEntry(when, "Step done: " + step.step(), who, step.note());
            case Responded responded -> new TimelineEntry(when, "Responded (" + responded.stage() + "): "
                    + words(responded.outcome().name()), who, responded.letter());
            case InformationRequested asked -> new TimelineEntry(when, "Information asked of " + asked.askedOf()
                    + asked.answerBy().map(date -> ", by " + date).orElse("")
                    + (asked.clocksPaused().isEmpty() ? "" : "; stopped: " + String.join(", ", asked.clocksPaused())),
                    who, asked.question());
            case ProcedureVersionMoved moved -> new TimelineEntry(when, "Moved from version " + moved.fromVersion()
                    + " to version " + moved.toVersion() + " of its procedure" + moved.clocks().stream()
                    .map(clock -> "; " + clock.clock() + " due " + clock.deadline().dueDate() + " (was "
                            + clock.previousDueDate() + ")").collect(Collectors.joining()), who, moved.reason());
            case InformationReceived received -> new TimelineEntry(when, "Information received" + received.restarted()
                    .stream().map(resumed -> "; " + resumed.clock() + " ran again, due " + resumed.deadline().dueDate()
                            + " (was " + resumed.previousDueDate() + ", stood " + resumed.workingDaysPaused()
                            + " working days)").collect(Collectors.joining()), who, received.note());
            case Escalated escalated -> new TimelineEntry(when, "Asked for " + escalated.toStage()
                    + escalated.lateAcceptanceReason().map(reason -> " (late, accepted: " + reason + ")").orElse(""),
                    who, escalated.whyStillDissatisfied());
            case DeadlineExtended extended -> new TimelineEntry(when, "Extended: " + extended.clock() + " from "
                    + extended.previousDueDate() + " to " + extended.deadline().dueDate(), who, extended.reason());
            case DeadlineLapsed lapsed -> new TimelineEntry(when, "Lapsed: " + lapsed.clock() + ", due "
                    + lapsed.dueDate(), who, "");
            case TaskAssigned assigned -> new TimelineEntry(when, assigned.assignee()
                    .map(person -> assigned.taskName() + ": with " + person)
                    .orElse(assigned.taskName() + ": back with its group"), who, "");
            case Closed closed -> new TimelineEntry(when, "Closed", who, closed.reason());
            case Withdrawn withdrawn -> new TimelineEntry(when, "Withdrawn", who, withdrawn.reason());
            case OmbudsmanReferred referred -> new TimelineEntry(when, "Referred to the Ombudsman ("
                    + referred.ombudsmanReference() + ")", who, "");
            case OmbudsmanDecided decided -> new TimelineEntry(when, "The Ombudsman decided: "
                    + words(decided.decision().name()), who, decided.summary());
            case PersonalDataErased erased -> new TimelineEntry(when, "Personal data erased", who, erased.reason());
            case ProcessIncidentRaised incident -> new TimelineEntry(when, "The process stopped at "
                    + incident.elementId() + ": " + words(incident.errorType()), who, incident.errorMessage());
            case ProcessIncidentRetried retried -> new TimelineEntry(when, "The process was retried after incident "
                    + retried.incidentKey(), who, "");
            case ComplaintClassified classified -> new TimelineEntry(when, "Classified", who,
                    describe(classified.classification()));
            case ImprovementAgreed agreed -> new TimelineEntry(when, "Improvement " + agreed.number() + " agreed, "
                    + agreed.owner() + " by " + agreed.dueOn().format(DueText.UK_DATE), who, agreed.action());
            case ImprovementCompleted completed -> new TimelineEntry(when, "Improvement " + completed.number()
                    + " done", who, "");
        };
    }

    /** "Service area: Transport; themes: Delay, Communication", of what was set. */
    private static String describe(Classification classification) {
        List<String> parts = new ArrayList<>();
        classification.serviceArea().ifPresent(area -> parts.add("service area: " + area));
        if (!classification.themes().isEmpty()) {
            parts.add("themes: " + String.join(", ", classification.themes()));
        }
        classification.complainantRole().ifPresent(role -> parts.add("made by: " + words(role.name())));
        classification.advocacy().ifPresent(advocacy -> parts.add("advocacy: " + words(advocacy.name())));
        return parts.isEmpty() ? "nothing set" : String.join("; ", parts);
    }

    /** {@code PARTLY_UPHELD} as "partly upheld". */
    static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
