package uk.redress.complaint.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import uk.redress.complaint.core.Categories;
import uk.redress.complaint.core.Classification;
import uk.redress.complaint.core.ComplaintKind;
import uk.redress.complaint.core.OmbudsmanDecided;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.core.Responded;
import uk.redress.complaint.report.HandlingReport.Distribution;
import uk.redress.complaint.report.HandlingReport.Extensions;
import uk.redress.complaint.report.HandlingReport.Pauses;
import uk.redress.complaint.report.HandlingReport.Learning;
import uk.redress.complaint.report.HandlingReport.Lapses;
import uk.redress.complaint.report.HandlingReport.OmbudsmanFigures;
import uk.redress.complaint.report.HandlingReport.OpenComplaints;
import uk.redress.complaint.report.HandlingReport.ProcedureFigures;
import uk.redress.complaint.report.HandlingReport.Rates;
import uk.redress.complaint.report.HandlingReport.Responses;
import uk.redress.complaint.report.HandlingReport.Share;
import uk.redress.complaint.report.HandlingReport.StageFigures;
import uk.redress.complaint.report.HandlingReport.Trend;
import uk.redress.complaint.report.HandlingReport.WithinTime;
import uk.redress.complaint.report.ReportRows.ImprovementRow;
import uk.redress.complaint.report.ReportSettings.Denominators;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;

/**
 * Works out a {@link HandlingReport} from what the report tables give a period ({@link Counts}): pure, so that every
 * measure follows from sums and rows a test can write down.
 */
public final class HandlingFigures {

    /** Age bands of open complaints, in working days since receipt: each band's upper bound, the last open-ended. */
    private static final int[] AGE_BANDS = {10, 20, 40};

    private final ProcedureVersions procedures;
    private final WorkingDayCalendar calendar;
    private final Tallies tallies;

    public HandlingFigures(ProcedureVersions procedures, WorkingDayCalendar calendar) {
        this.procedures = procedures;
        this.calendar = calendar;
        this.tallies = new Tallies(calendar);
    }

    /**
     * The figures of every procedure the counts name, in the order procedures are listed, a withdrawn one's last:
     * its complaints count in the year they were received and handled in, whatever the council runs now.
     */
    public HandlingReport report(String organisation, Categories.Lists categories, Denominators denominators,
                                 Period period, Counts counts) {
        List<ProcedureFigures> figures = procedures.ids().stream().map(id -> procedures.current(id).orElseThrow())
                .filter(procedure -> counts.names(procedure.id()))
                .map(procedure -> procedureFigures(procedure, categories, period, counts))
                .toList();
        long complaintsReceived = counts.sums().stream()
                .filter(sum -> sum.current() && sum.measure().equals(Tallies.named(Tallies.RECEIVED,
                        ComplaintKind.COMPLAINT.name())))
                .mapToLong(Sum::count).sum();
        return new HandlingReport(organisation, period.from(), period.to(), period.asOf(),
                new Rates(complaintsReceived, denominators.population(),
                        rate(complaintsReceived, 10_000, denominators.population()),
                        denominators.childrenWithEhcPlan(),
                        rate(complaintsReceived, 1_000, denominators.childrenWithEhcPlan())),
                figures);
    }

    private static Optional<Double> rate(long count, int per, Optional<Long> of) {
        return of.filter(whole -> whole > 0).map(whole -> Math.round(100.0 * count * per / whole) / 100.0);
    }

    /** The figures of one procedure, all zero where it has no complaints. */
    public ProcedureFigures procedure(String procedureId, Categories.Lists categories, Period period, Counts counts) {
        ProcedurePolicy procedure = procedures.current(procedureId).orElseThrow(
                () -> new IllegalArgumentException("no procedure '" + procedureId + "'"));
        return procedureFigures(procedure, categories, period, counts);
    }

    private ProcedureFigures procedureFigures(ProcedurePolicy procedure, Categories.Lists categories, Period period,
                                              Counts counts) {
        Measures now = new Measures(counts, procedure.id(), Tallies.NO_STAGE, true);
        Measures before = new Measures(counts, procedure.id(), Tallies.NO_STAGE, false);
        Region region = procedure.calendar();
        List<StageFigures> stageFigures = procedure.stages().stream()
                .map(stage -> stageFigures(region, stage, period, counts, procedure.id()))
                .toList();
        return new ProcedureFigures(procedure.id(), now.byName(Tallies.RECEIVED, names(ComplaintKind.values())),
                now.count(Tallies.WITHDRAWN), openAtEnd(region, period, counts, procedure.id()),
                ombudsman(now, stageFigures),
                trends(categories.serviceAreas(), now, before, Tallies.SERVICE_AREA),
                trends(categories.themes(), now, before, Tallies.THEME),
                now.count(Tallies.UNCLASSIFIED),
                now.byName(Tallies.MADE_BY, names(Classification.ComplainantRole.values())),
                now.byName(Tallies.ADVOCACY, names(Classification.Advocacy.values())),
                learning(period, counts.improvements().stream()
                        .filter(row -> row.procedure().equals(procedure.id())).toList()),
                stageFigures);
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static Learning learning(Period period, List<ImprovementRow> improvements) {
        return new Learning(improvements.stream().filter(row -> period.contains(row.agreedOn())).count(),
                improvements.stream().filter(row -> row.completedOn().filter(period::contains).isPresent()).count(),
                improvements.stream().filter(row -> row.overdueOn(period.end())).count());
    }

    /** By the organisation's list, in its order, then any other name recorded (a list changes; the record stays). */
    private static Map<String, Trend> trends(List<String> listed, Measures now, Measures before, String measure) {
        Map<String, Long> counts = now.byName(measure, listed);
        Map<String, Long> previous = before.byName(measure, listed);
        Map<String, Trend> trends = new LinkedHashMap<>();
        Stream.concat(counts.keySet().stream(), previous.keySet().stream().sorted()).distinct().forEach(name -> {
            long count = counts.getOrDefault(name, 0L);
            long earlier = previous.getOrDefault(name, 0L);
            trends.put(name, new Trend(count, earlier, count - earlier));
        });
        return trends;
    }

    private OpenComplaints openAtEnd(Region region, Period period, Counts counts, String procedure) {
        Map<Integer, Long> ages = new TreeMap<>();
        counts.open().stream().filter(open -> open.procedure().equals(procedure)).forEach(open -> ages.merge(
                calendar.workingDaysBetween(region, open.receivedOn(), period.end()), open.count(), Long::sum));
        Map<String, Long> byAge = new LinkedHashMap<>();
        int lower = 0;
        for (int upper : AGE_BANDS) {
            int from = lower;
            byAge.put(from + "-" + upper, ages.entrySet().stream()
                    .filter(age -> age.getKey() >= from && age.getKey() <= upper).mapToLong(Map.Entry::getValue).sum());
            lower = upper + 1;
        }
        int last = lower;
        byAge.put(last + "+", ages.entrySet().stream().filter(age -> age.getKey() >= last)
                .mapToLong(Map.Entry::getValue).sum());
        return new OpenComplaints(ages.values().stream().mapToLong(Long::longValue).sum(), byAge);
    }

    /** The council's upheld rate is of the responses of every stage of the procedure. */
    private static OmbudsmanFigures ombudsman(Measures now, List<StageFigures> stages) {
        Map<String, Long> decisions = now.byName(Tallies.OMBUDSMAN_DECISION,
                names(OmbudsmanDecided.Decision.values()));
        long investigated = decisions.get(OmbudsmanDecided.Decision.UPHELD.name())
                + decisions.get(OmbudsmanDecided.Decision.NOT_UPHELD.name());
        long responded = stages.stream().mapToLong(stage -> stage.responses().sent()).sum();
        long councilUpheld = stages.stream().flatMap(stage -> stage.outcomes().entrySet().stream())
                .filter(outcome -> !outcome.getKey().equals(Responded.Outcome.NOT_UPHELD.name()))
                .mapToLong(Map.Entry::getValue).sum();
        return new OmbudsmanFigures(now.count(Tallies.OMBUDSMAN_REFERRED), decisions,
                percent(decisions.get(OmbudsmanDecided.Decision.UPHELD.name()), investigated),
                percent(councilUpheld, responded));
    }

    private StageFigures stageFigures(Region region, Stage stage, Period period, Counts counts, String procedure) {
        Measures now = new Measures(counts, procedure, stage.id(), true);
        // An acknowledgement not sent yet counts once its due date is past the report's end; until then it is neither
        // in time nor missed.
        long acknowledgementsDue = now.count(Tallies.ACKNOWLEDGED) + counts.notAcknowledged().stream()
                .filter(row -> row.procedure().equals(procedure) && row.stage().equals(stage.id()))
                .mapToLong(NotAcknowledged::count).sum();
        long acknowledgedInTime = now.count(Tallies.ACKNOWLEDGED_IN_TIME);
        long responded = now.count(Tallies.RESPONDED);
        long withinOriginal = now.count(Tallies.RESPONDED_WITHIN_ORIGINAL);
        long withinAgreed = now.count(Tallies.RESPONDED_WITHIN_AGREED);
        long escalated = now.count(Tallies.ESCALATED);
        return new StageFigures(stage.id(), now.count(Tallies.STARTED),
                new WithinTime(acknowledgementsDue, acknowledgedInTime,
                        percent(acknowledgedInTime, acknowledgementsDue)),
                new Responses(responded, withinOriginal, percent(withinOriginal, responded),
                        withinAgreed, percent(withinAgreed, responded)),
                new Extensions(now.count(Tallies.EXTENSIONS), now.count(Tallies.EXTENSION_DAYS)),
                new Pauses(now.count(Tallies.PAUSED), now.count(Tallies.PAUSED_DAYS)),
                distribution(now.histogram(Tallies.DAYS_TO_RESPOND)),
                now.byName(Tallies.OUTCOME, names(Responded.Outcome.values())),
                now.byName(Tallies.REMEDY, names(Responded.Remedy.values())),
                // In pounds and pence, however the amounts were stored (250, 2.5E+2 or 250.00).
                now.amount(Tallies.PAYMENT).setScale(2, RoundingMode.UNNECESSARY),
                new Share(escalated, percent(escalated, responded)),
                lapses(region, period, now, counts.runningLapses().stream()
                        .filter(row -> row.procedure().equals(procedure) && row.stage().equals(stage.id())).toList()));
    }

    /**
     * A lapse falls in the period when the day after its due date does; late until its step, or the period's end.
     * The sums know how late each step done was; a step not done before the end is late until the end instead.
     */
    private Lapses lapses(Region region, Period period, Measures now, List<RunningLapse> running) {
        Map<Integer, Long> late = now.histogram(Tallies.LAPSED_DAYS_LATE);
        for (RunningLapse lapse : running) {
            lapse.done().ifPresent(done ->
                    late.merge(tallies.daysLate(region, lapse.missed(), done), -lapse.count(), Long::sum));
            late.merge(tallies.daysLate(region, lapse.missed(), period.end()), lapse.count(), Long::sum);
        }
        return new Lapses(now.count(Tallies.LAPSED), distribution(late));
    }

    private static Map<String, Long> countBy(List<String> keys, List<String> values) {
        Map<String, Long> counts = new LinkedHashMap<>();
        keys.forEach(key -> counts.put(key, 0L));
        values.forEach(value -> counts.merge(value, 1L, Long::sum));
        return counts;
    }

    /** {@code part} of {@code whole} in %, to one decimal; absent when whole is 0. */
    public static Optional<Double> percent(long part, long whole) {
        return whole == 0 ? Optional.empty() : Optional.of(Math.round(1000.0 * part / whole) / 10.0);
    }

    /**
     * The mean, and the median and 90th percentile by linear interpolation between the nearest ranks (PostgreSQL's
     * {@code percentile_cont}, a spreadsheet's {@code PERCENTILE.INC}); each to one decimal.
     *
     * @param histogram how many of each value
     */
    static Distribution distribution(Map<Integer, Long> histogram) {
        SortedMap<Integer, Long> sorted = new TreeMap<>(histogram);
        sorted.values().removeIf(count -> count == 0);
        long count = sorted.values().stream().mapToLong(Long::longValue).sum();
        if (count == 0) {
            return new Distribution(0, Optional.empty(), Optional.empty(), Optional.empty());
        }
        double mean = sorted.entrySet().stream().mapToDouble(entry -> (double) entry.getKey() * entry.getValue())
                .sum() / count;
        return new Distribution(count, Optional.of(oneDecimal(mean)),
                Optional.of(oneDecimal(percentile(sorted, count, 0.5))),
                Optional.of(oneDecimal(percentile(sorted, count, 0.9))));
    }

    private static double percentile(SortedMap<Integer, Long> sorted, long count, double fraction) {
        double rank = fraction * (count - 1);
        long below = (long) Math.floor(rank);
        double lower = valueAt(sorted, below);
        return lower + (rank - below) * (valueAt(sorted, (long) Math.ceil(rank)) - lower);
    }

    /** The value at a rank (from 0) of the values in order. */
    private static int valueAt(SortedMap<Integer, Long> sorted, long rank) {
        long seen = 0;
        for (Map.Entry<Integer, Long> value : sorted.entrySet()) {
            seen += value.getValue();
            if (rank < seen) {
                return value.getKey();
            }
        }
        throw new IllegalArgumentException("rank " + rank + " of " + seen);
    }

    private static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /**
     * What the report tables give a report of one period.
     *
     * @param sums            the tallies of the period and of the period before, summed by procedure, stage and
     *                        measure
     * @param open            complaints open at the period's end, by procedure and day received
     * @param notAcknowledged stages started in the period whose acknowledgement, due before its end, is not sent
     * @param runningLapses   lapses in the period whose step was not done before its end
     * @param improvements    improvements agreed by the period's end and not done before it began
     */
    public record Counts(List<Sum> sums, List<OpenComplaint> open, List<NotAcknowledged> notAcknowledged,
                         List<RunningLapse> runningLapses, List<ImprovementRow> improvements) {

        /** Whether anything here is of the procedure. */
        boolean names(String procedure) {
            return Stream.of(sums.stream().map(Sum::procedure), open.stream().map(OpenComplaint::procedure),
                            notAcknowledged.stream().map(NotAcknowledged::procedure),
                            runningLapses.stream().map(RunningLapse::procedure),
                            improvements.stream().map(ImprovementRow::procedure))
                    .flatMap(Function.identity()).anyMatch(procedure::equals);
        }
    }

    /**
     * A measure's tallies summed.
     *
     * @param stage   {@link Tallies#NO_STAGE} for the complaint's own
     * @param current over the period, or over the period before
     */
    public record Sum(String procedure, String stage, String measure, boolean current, long count,
                      BigDecimal amount) {
    }

    public record OpenComplaint(String procedure, LocalDate receivedOn, long count) {
    }

    public record NotAcknowledged(String procedure, String stage, long count) {
    }

    /** @param done the day the step was done, on or after the period's end; empty while it is not */
    public record RunningLapse(String procedure, String stage, LocalDate missed, Optional<LocalDate> done,
                               long count) {
    }

    /** The sums of one procedure and stage over the period, or the period before, by measure. */
    private static final class Measures {
        private final Map<String, Sum> sums = new HashMap<>();

        Measures(Counts counts, String procedure, String stage, boolean current) {
            counts.sums().stream()
                    .filter(sum -> sum.current() == current && sum.procedure().equals(procedure)
                            && sum.stage().equals(stage))
                    .forEach(sum -> sums.put(sum.measure(), sum));
        }

        long count(String measure) {
            return Optional.ofNullable(sums.get(measure)).map(Sum::count).orElse(0L);
        }

        BigDecimal amount(String measure) {
            return Optional.ofNullable(sums.get(measure)).map(Sum::amount).orElse(BigDecimal.ZERO);
        }

        /** The measure's counts by the name after it: the listed names first, in order, at 0 where none. */
        Map<String, Long> byName(String measure, List<String> listed) {
            String prefix = measure + Tallies.SEPARATOR;
            Map<String, Long> counts = new LinkedHashMap<>();
            listed.forEach(name -> counts.put(name, 0L));
            sums.values().stream().filter(sum -> sum.measure().startsWith(prefix) && sum.count() != 0)
                    .sorted(Comparator.comparing(Sum::measure))
                    .forEach(sum -> counts.merge(sum.measure().substring(prefix.length()), sum.count(), Long::sum));
            return counts;
        }

        /** The measure's counts by the number of working days after it. */
        Map<Integer, Long> histogram(String measure) {
            Map<Integer, Long> histogram = new TreeMap<>();
            byName(measure, List.of()).forEach((days, count) -> histogram.put(Integer.parseInt(days), count));
            return histogram;
        }
    }

    /**
     * The days a report covers, from and to inclusive, and the day it was taken.
     *
     * @param asOf today, on the service's clock
     */
    public record Period(LocalDate from, LocalDate to, LocalDate asOf) {

        public boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }

        /** The first day of the period before: as long as this one, ending the day before it starts. */
        public LocalDate previousFrom() {
            return from.minusDays(ChronoUnit.DAYS.between(from, to) + 1);
        }

        /** The day counts run to: the period's last day, or today while the period runs on. */
        public LocalDate end() {
            return asOf.isBefore(to) ? asOf : to;
        }
    }
}
