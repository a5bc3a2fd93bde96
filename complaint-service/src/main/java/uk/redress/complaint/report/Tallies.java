package uk.redress.complaint.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.redress.complaint.core.ComplaintKind;
import uk.redress.complaint.core.ComplaintStatus;
import uk.redress.complaint.report.ReportRows.ComplaintRow;
import uk.redress.complaint.report.ReportRows.Promise;
import uk.redress.complaint.report.ReportRows.StageRow;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.calendar.WorkingDayCalendar;

/**
 * What a report row adds to the counts of the days it names: a complaint received on a day, a stage answered on
 * another, three working days to answer it. Each row keeps its own tallies, and {@code report_tally} holds their sums
 * by day and by month, kept by the database as rows change (V17), each in eight parts so that concurrent appends seldom
 * wait on the same sum's row (V22): a report adds up a few thousand sums where it would otherwise read every complaint of
 * the year.
 *
 * <p>Only what is settled once it has happened is tallied. What depends on the day a report runs to (the age of a
 * complaint still open, an acknowledgement not sent yet, how late a step not yet done is) is read from the rows
 * themselves, which are few: see {@link HandlingReports}.
 */
public final class Tallies {

    /** A measure that names a kind, a theme or an outcome after it, as in {@code received:COMPLAINT}. */
    static final String SEPARATOR = ":";

    static final String RECEIVED = "received";
    static final String WITHDRAWN = "withdrawn";
    static final String OMBUDSMAN_REFERRED = "ombudsman-referred";
    static final String OMBUDSMAN_DECISION = "ombudsman-decision";
    static final String SERVICE_AREA = "service-area";
    static final String THEME = "theme";
    static final String UNCLASSIFIED = "unclassified";
    static final String MADE_BY = "made-by";
    static final String ADVOCACY = "advocacy";

    static final String STARTED = "started";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String ACKNOWLEDGED_IN_TIME = "acknowledged-in-time";
    static final String RESPONDED = "responded";
    static final String RESPONDED_WITHIN_ORIGINAL = "responded-within-original";
    static final String RESPONDED_WITHIN_AGREED = "responded-within-agreed";
    static final String EXTENSIONS = "extensions";
    static final String EXTENSION_DAYS = "extension-days";
    static final String PAUSED = "paused";
    static final String PAUSED_DAYS = "paused-days";
    static final String DAYS_TO_RESPOND = "days-to-respond";
    static final String OUTCOME = "outcome";
    static final String REMEDY = "remedy";
    static final String PAYMENT = "payment";
    static final String ESCALATED = "escalated";
    static final String LAPSED = "lapsed";
    static final String LAPSED_DAYS_LATE = "lapsed-days-late";

    /** The stage of a complaint's own tallies. */
    static final String NO_STAGE = "";

    /**
     * @param stage   the stage it counts in, or {@link #NO_STAGE}
     * @param day     the day it counts on
     * @param measure what it counts
     * @param count   how many (working days, for the measures that count them)
     * @param amount  a sum of money, in pounds, where the measure is one
     */
    public record Tally(String stage, LocalDate day, String measure, long count, BigDecimal amount) {

        static Tally of(String stage, LocalDate day, String measure) {
            return new Tally(stage, day, measure, 1, BigDecimal.ZERO);
        }
    }

    private final WorkingDayCalendar calendar;

    public Tallies(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    static String named(String measure, Object name) {
        return measure + SEPARATOR + name;
    }

    /** A complaint's: what was received, withdrawn and referred, and what about and by whom. */
    public List<Tally> of(ComplaintRow row) {
        List<Tally> tallies = new ArrayList<>();
        LocalDate received = row.receivedOn();
        tallies.add(Tally.of(NO_STAGE, received, named(RECEIVED, row.kind())));
        if (row.kind().equals(ComplaintKind.COMPLAINT.name())) {
            row.serviceArea().ifPresent(area -> tallies.add(Tally.of(NO_STAGE, received, named(SERVICE_AREA, area))));
            row.themes().forEach(theme -> tallies.add(Tally.of(NO_STAGE, received, named(THEME, theme))));
            if (row.serviceArea().isEmpty() && row.themes().isEmpty()) {
                tallies.add(Tally.of(NO_STAGE, received, UNCLASSIFIED));
            }
            row.complainantRole().ifPresent(role -> tallies.add(Tally.of(NO_STAGE, received, named(MADE_BY, role))));
            row.advocacy().ifPresent(advocacy ->
                    tallies.add(Tally.of(NO_STAGE, received, named(ADVOCACY, advocacy))));
        }
        if (row.status().equals(ComplaintStatus.WITHDRAWN.name())) {
            row.endedOn().ifPresent(ended -> tallies.add(Tally.of(NO_STAGE, ended, WITHDRAWN)));
        }
        row.ombudsmanReferredOn().ifPresent(referred -> tallies.add(Tally.of(NO_STAGE, referred, OMBUDSMAN_REFERRED)));
        row.ombudsmanDecidedOn().ifPresent(decided -> tallies.add(Tally.of(NO_STAGE, decided,
                named(OMBUDSMAN_DECISION, row.ombudsmanDecision().orElseThrow()))));
        return tallies;
    }

    /**
     * A stage's: its start and acknowledgement on the day it started, its response and what it found on the day it
     * was sent, and each lapse on the day after the due date it missed, with how late its step was once done.
     */
    public List<Tally> of(StageRow row, Region region) {
        List<Tally> tallies = new ArrayList<>();
        String stage = row.stage();
        LocalDate started = row.startedOn();
        tallies.add(Tally.of(stage, started, STARTED));
        row.acknowledgement().flatMap(promise -> promise.keptOn().map(kept -> !kept.isAfter(promise.due())))
                .ifPresent(inTime -> {
                    tallies.add(Tally.of(stage, started, ACKNOWLEDGED));
                    if (inTime) {
                        tallies.add(Tally.of(stage, started, ACKNOWLEDGED_IN_TIME));
                    }
                });
        row.respondedOn().ifPresent(responded -> {
            tallies.add(Tally.of(stage, responded, RESPONDED));
            row.response().ifPresent(promise -> {
                if (!responded.isAfter(promise.originalDue())) {
                    tallies.add(Tally.of(stage, responded, RESPONDED_WITHIN_ORIGINAL));
                }
                if (!responded.isAfter(promise.due())) {
                    tallies.add(Tally.of(stage, responded, RESPONDED_WITHIN_AGREED));
                }
            });
            List<Promise> promises = new ArrayList<>();
            row.acknowledgement().ifPresent(promises::add);
            row.response().ifPresent(promises::add);
            long extensions = promises.stream().mapToLong(Promise::extensions).sum();
            if (extensions > 0) {
                tallies.add(new Tally(stage, responded, EXTENSIONS, extensions, BigDecimal.ZERO));
                tallies.add(new Tally(stage, responded, EXTENSION_DAYS, promises.stream()
                        .filter(promise -> promise.extensions() > 0)
                        .mapToLong(promise -> calendar.workingDaysBetween(region, promise.originalDue(), promise.due()))
                        .sum(), BigDecimal.ZERO));
            }
            // A response counts once however many of its stage's clocks stood, with every working day they stood.
            long pausedDays = promises.stream().mapToLong(Promise::workingDaysPaused).sum();
            if (pausedDays > 0) {
                tallies.add(Tally.of(stage, responded, PAUSED));
                tallies.add(new Tally(stage, responded, PAUSED_DAYS, pausedDays, BigDecimal.ZERO));
            }
            tallies.add(Tally.of(stage, responded,
                    named(DAYS_TO_RESPOND, calendar.workingDaysBetween(region, started, responded))));
            row.outcome().ifPresent(outcome -> tallies.add(Tally.of(stage, responded, named(OUTCOME, outcome))));
            row.remedies().forEach(remedy -> tallies.add(Tally.of(stage, responded, named(REMEDY, remedy))));
            row.payment().ifPresent(payment -> tallies.add(new Tally(stage, responded, PAYMENT, 1, payment)));
            if (row.escalated()) {
                tallies.add(Tally.of(stage, responded, ESCALATED));
            }
        });
        for (Optional<Promise> promise : List.of(row.acknowledgement(), row.response())) {
            promise.ifPresent(kept -> kept.lapsedDue().ifPresent(missed -> {
                LocalDate lapsedOn = missed.plusDays(1);
                tallies.add(Tally.of(stage, lapsedOn, LAPSED));
                kept.keptOn().ifPresent(done -> tallies.add(Tally.of(stage, lapsedOn,
                        named(LAPSED_DAYS_LATE, daysLate(region, missed, done)))));
            }));
        }
        return tallies;
    }

    /** From the due date missed to the day the step was done, in working days. */
    int daysLate(Region region, LocalDate missed, LocalDate done) {
        return calendar.workingDaysBetween(region, missed, done);
    }
}
