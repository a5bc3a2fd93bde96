package uk.redress.complaint.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import uk.redress.complaint.core.Categories;
import uk.redress.complaint.core.Classification;
import uk.redress.complaint.core.ComplaintKind;
import uk.redress.complaint.core.ComplaintStatus;
import uk.redress.complaint.core.OmbudsmanDecided;
import uk.redress.complaint.core.Responded;
import uk.redress.complaint.report.HandlingReport.Distribution;
import uk.redress.complaint.report.HandlingReport.Extensions;
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
import uk.redress.complaint.report.ReportRows.ComplaintRow;
import uk.redress.complaint.report.ReportRows.ImprovementRow;
import uk.redress.complaint.report.ReportRows.Promise;
import uk.redress.complaint.report.ReportRows.StageRow;
import uk.redress.complaint.report.ReportSettings.Denominators;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;

/**
 * Works out a {@link HandlingReport} from the report rows of one organisation: pure, so that every measure can be
 * checked against figures worked out by hand.
 */
public final class HandlingFigures {

    /** Age bands of open complaints, in working days since receipt: each band's upper bound, the last open-ended. */
    private static final int[] AGE_BANDS = {10, 20, 40};

    private final ProcedurePolicies procedures;
    private final WorkingDayCalendar calendar;

    public HandlingFigures(ProcedurePolicies procedures, WorkingDayCalendar calendar) {
        this.procedures = procedures;
        this.calendar = calendar;
    }

    /**
     * @param complaints the organisation's complaint rows: every one received by {@code to}
     * @param stages     their stage rows
     */
    public HandlingReport report(String organisation, Categories.Lists categories, Denominators denominators,
                                 Period period, Rows rows) {
        List<ComplaintRow> complaints = rows.complaints();
        List<StageRow> stages = rows.stages();
        Map<String, List<ComplaintRow>> complaintsByProcedure = complaints.stream()
                .collect(Collectors.groupingBy(ComplaintRow::procedure));
        Map<String, List<StageRow>> stagesByProcedure = stages.stream()
                .collect(Collectors.groupingBy(StageRow::procedure));
        Map<String, List<ImprovementRow>> improvementsByProcedure = rows.improvements().stream()
                .collect(Collectors.groupingBy(ImprovementRow::procedure));
        List<ProcedureFigures> figures = new ArrayList<>();
        for (ProcedurePolicy procedure : procedures.all()) {
            List<ComplaintRow> ofProcedure = complaintsByProcedure.getOrDefault(procedure.id(), List.of());
            if (!ofProcedure.isEmpty()) {
                figures.add(procedureFigures(procedure, categories, period, new Rows(ofProcedure,
                        stagesByProcedure.getOrDefault(procedure.id(), List.of()),
                        improvementsByProcedure.getOrDefault(procedure.id(), List.of()))));
            }
        }
        long complaintsReceived = receivedComplaints(complaints, period.from(), period.to()).size();
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
    public ProcedureFigures procedure(String procedureId, Categories.Lists categories, Period period, Rows rows) {
        ProcedurePolicy procedure = procedures.find(procedureId).orElseThrow(
                () -> new IllegalArgumentException("no procedure '" + procedureId + "'"));
        return procedureFigures(procedure, categories, period, new Rows(
                rows.complaints().stream().filter(row -> row.procedure().equals(procedureId)).toList(),
                rows.stages().stream().filter(row -> row.procedure().equals(procedureId)).toList(),
                rows.improvements().stream().filter(row -> row.procedure().equals(procedureId)).toList()));
    }

    private ProcedureFigures procedureFigures(ProcedurePolicy procedure, Categories.Lists categories, Period period,
                                              Rows rows) {
        List<ComplaintRow> complaints = rows.complaints();
        List<StageRow> stages = rows.stages();
        Region region = procedure.calendar();
        Map<String, Long> received = countBy(Arrays.stream(ComplaintKind.values()).map(Enum::name).toList(),
                complaints.stream().filter(complaint -> period.contains(complaint.receivedOn()))
                        .map(ComplaintRow::kind).toList());
        long withdrawn = complaints.stream()
                .filter(complaint -> complaint.status().equals(ComplaintStatus.WITHDRAWN.name()))
                .filter(complaint -> complaint.endedOn().filter(period::contains).isPresent())
                .count();
        List<StageRow> responded = stages.stream()
                .filter(stage -> stage.respondedOn().filter(period::contains).isPresent()).toList();
        List<StageFigures> stageFigures = procedure.stages().stream()
                .map(stage -> stageFigures(region, stage, period,
                        stages.stream().filter(row -> row.stage().equals(stage.id())).toList()))
                .toList();
        List<ComplaintRow> receivedNow = receivedComplaints(complaints, period.from(), period.to());
        List<ComplaintRow> receivedBefore = receivedComplaints(complaints, period.previousFrom(),
                period.from().minusDays(1));
        return new ProcedureFigures(procedure.id(), received, withdrawn, openAtEnd(region, period, complaints),
                ombudsman(period, complaints, responded),
                trends(categories.serviceAreas(), receivedNow, receivedBefore, row -> row.serviceArea().stream()),
                trends(categories.themes(), receivedNow, receivedBefore, row -> row.themes().stream()),
                receivedNow.stream().filter(row -> row.serviceArea().isEmpty() && row.themes().isEmpty()).count(),
                countBy(Arrays.stream(Classification.ComplainantRole.values()).map(Enum::name).toList(),
                        receivedNow.stream().flatMap(row -> row.complainantRole().stream()).toList()),
                countBy(Arrays.stream(Classification.Advocacy.values()).map(Enum::name).toList(),
                        receivedNow.stream().flatMap(row -> row.advocacy().stream()).toList()),
                learning(period, rows.improvements()), stageFigures);
    }

    private static Learning learning(Period period, List<ImprovementRow> improvements) {
        return new Learning(improvements.stream().filter(row -> period.contains(row.agreedOn())).count(),
                improvements.stream().filter(row -> row.completedOn().filter(period::contains).isPresent()).count(),
                improvements.stream().filter(row -> row.overdueOn(period.end())).count());
    }

    private static List<ComplaintRow> receivedComplaints(List<ComplaintRow> complaints, LocalDate from, LocalDate to) {
        return complaints.stream()
                .filter(row -> row.kind().equals(ComplaintKind.COMPLAINT.name()))
                .filter(row -> !row.receivedOn().isBefore(from) && !row.receivedOn().isAfter(to))
                .toList();
    }

    /** By the organisation's list, in its order, then any other name recorded (a list changes; the record stays). */
    private static Map<String, Trend> trends(List<String> listed, List<ComplaintRow> now, List<ComplaintRow> before,
                                             Function<ComplaintRow, Stream<String>> names) {
        Map<String, Long> counts = countBy(listed, now.stream().flatMap(names).toList());
        Map<String, Long> previous = countBy(listed, before.stream().flatMap(names).toList());
        Map<String, Trend> trends = new LinkedHashMap<>();
        Stream.concat(counts.keySet().stream(), previous.keySet().stream().sorted()).distinct().forEach(name -> {
            long count = counts.getOrDefault(name, 0L);
            long earlier = previous.getOrDefault(name, 0L);
            trends.put(name, new Trend(count, earlier, count - earlier));
        });
        return trends;
    }

    private OpenComplaints openAtEnd(Region region, Period period, List<ComplaintRow> complaints) {
        LocalDate end = period.end();
        List<Integer> ages = complaints.stream()
                .filter(complaint -> complaint.kind().equals(ComplaintKind.COMPLAINT.name()))
                .filter(complaint -> !complaint.receivedOn().isAfter(end))
                .filter(complaint -> complaint.endedOn().filter(ended -> !ended.isAfter(end)).isEmpty())
                .map(complaint -> calendar.workingDaysBetween(region, complaint.receivedOn(), end))
                .toList();
        Map<String, Long> byAge = new LinkedHashMap<>();
        int lower = 0;
        for (int upper : AGE_BANDS) {
            int from = lower;
            byAge.put(from + "-" + upper, ages.stream().filter(age -> age >= from && age <= upper).count());
            lower = upper + 1;
        }
        int last = lower;
        byAge.put(last + "+", ages.stream().filter(age -> age >= last).count());
        return new OpenComplaints(ages.size(), byAge);
    }

    private static OmbudsmanFigures ombudsman(Period period, List<ComplaintRow> complaints,
                                              List<StageRow> responded) {
        long referred = complaints.stream()
                .filter(complaint -> complaint.ombudsmanReferredOn().filter(period::contains).isPresent()).count();
        List<String> decided = complaints.stream()
                .filter(complaint -> complaint.ombudsmanDecidedOn().filter(period::contains).isPresent())
                .map(complaint -> complaint.ombudsmanDecision().orElseThrow()).toList();
        Map<String, Long> decisions = countBy(
                Arrays.stream(OmbudsmanDecided.Decision.values()).map(Enum::name).toList(), decided);
        long investigated = decisions.get(OmbudsmanDecided.Decision.UPHELD.name())
                + decisions.get(OmbudsmanDecided.Decision.NOT_UPHELD.name());
        long councilUpheld = responded.stream().filter(stage -> stage.outcome()
                .filter(outcome -> !outcome.equals(Responded.Outcome.NOT_UPHELD.name())).isPresent()).count();
        return new OmbudsmanFigures(referred, decisions,
                percent(decisions.get(OmbudsmanDecided.Decision.UPHELD.name()), investigated),
                percent(councilUpheld, responded.size()));
    }

    private StageFigures stageFigures(Region region, Stage stage, Period period, List<StageRow> rows) {
        long started = rows.stream().filter(row -> period.contains(row.startedOn())).count();
        // A promise still running at the report's end is neither kept in time nor missed yet: not counted.
        List<Promise> acknowledgementsDue = rows.stream().filter(row -> period.contains(row.startedOn()))
                .flatMap(row -> row.acknowledgement().stream())
                .filter(promise -> promise.keptOn().isPresent() || promise.due().isBefore(period.end()))
                .toList();
        long acknowledgedInTime = acknowledgementsDue.stream()
                .filter(promise -> promise.keptOn().filter(kept -> !kept.isAfter(promise.due())).isPresent())
                .count();
        List<StageRow> responded = rows.stream()
                .filter(row -> row.respondedOn().filter(period::contains).isPresent()).toList();
        long withinOriginal = countResponded(responded, Promise::originalDue);
        long withinAgreed = countResponded(responded, Promise::due);
        List<Promise> respondedPromises = responded.stream()
                .flatMap(row -> Stream.concat(row.acknowledgement().stream(),
                        row.response().stream()))
                .toList();
        long extensions = respondedPromises.stream().mapToLong(Promise::extensions).sum();
        long daysAdded = respondedPromises.stream().filter(promise -> promise.extensions() > 0)
                .mapToLong(promise -> calendar.workingDaysBetween(region, promise.originalDue(), promise.due()))
                .sum();
        List<Double> daysToRespond = responded.stream()
                .map(row -> (double) calendar.workingDaysBetween(region, row.startedOn(), row.respondedOn().get()))
                .toList();
        long escalated = responded.stream().filter(StageRow::escalated).count();
        return new StageFigures(stage.id(), started,
                new WithinTime(acknowledgementsDue.size(), acknowledgedInTime,
                        percent(acknowledgedInTime, acknowledgementsDue.size())),
                new Responses(responded.size(), withinOriginal, percent(withinOriginal, responded.size()),
                        withinAgreed, percent(withinAgreed, responded.size())),
                new Extensions(extensions, daysAdded),
                distribution(daysToRespond),
                countBy(Arrays.stream(Responded.Outcome.values()).map(Enum::name).toList(),
                        responded.stream().flatMap(row -> row.outcome().stream()).toList()),
                countBy(Arrays.stream(Responded.Remedy.values()).map(Enum::name).toList(),
                        responded.stream().flatMap(row -> row.remedies().stream()).toList()),
                // In pounds and pence, however the amounts were stored (250, 2.5E+2 or 250.00).
                responded.stream().flatMap(row -> row.payment().stream()).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .setScale(2, RoundingMode.UNNECESSARY),
                new Share(escalated, percent(escalated, responded.size())),
                lapses(region, period, rows));
    }

    /** Responses sent on or before the due date {@code due} gives. */
    private static long countResponded(List<StageRow> responded, Function<Promise, LocalDate> due) {
        return responded.stream().filter(row -> row.response()
                .filter(promise -> !row.respondedOn().get().isAfter(due.apply(promise))).isPresent()).count();
    }

    /** A lapse falls in the period when the day after its due date does; late until its step, or the period's end. */
    private Lapses lapses(Region region, Period period, List<StageRow> rows) {
        List<Double> late = new ArrayList<>();
        for (StageRow row : rows) {
            for (Optional<Promise> promise : List.of(row.acknowledgement(), row.response())) {
                promise.filter(lapsed(period)).ifPresent(lapsed -> {
                    LocalDate missed = lapsed.lapsedDue().orElseThrow();
                    LocalDate until = lapsed.keptOn().filter(kept -> kept.isBefore(period.end())).orElse(period.end());
                    late.add((double) calendar.workingDaysBetween(region, missed, until));
                });
            }
        }
        return new Lapses(late.size(), distribution(late));
    }

    private static Predicate<Promise> lapsed(Period period) {
        return promise -> promise.lapsedDue().filter(due -> period.contains(due.plusDays(1))).isPresent();
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
     */
    static Distribution distribution(List<Double> values) {
        if (values.isEmpty()) {
            return new Distribution(0, Optional.empty(), Optional.empty(), Optional.empty());
        }
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new Distribution(sorted.size(), Optional.of(oneDecimal(mean)),
                Optional.of(oneDecimal(percentile(sorted, 0.5))), Optional.of(oneDecimal(percentile(sorted, 0.9))));
    }

    private static double percentile(List<Double> sorted, double fraction) {
        double rank = fraction * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    }

    private static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** An organisation's report rows: its complaints, their stages and their improvements. */
    public record Rows(List<ComplaintRow> complaints, List<StageRow> stages, List<ImprovementRow> improvements) {
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
