package uk.redress.complaint.report;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import uk.redress.complaint.core.Categories;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.report.HandlingFigures.Counts;
import uk.redress.complaint.report.HandlingFigures.NotAcknowledged;
import uk.redress.complaint.report.HandlingFigures.OpenComplaint;
import uk.redress.complaint.report.HandlingFigures.Period;
import uk.redress.complaint.report.HandlingFigures.RunningLapse;
import uk.redress.complaint.report.HandlingFigures.Sum;
import uk.redress.complaint.report.ReportRows.ImprovementRow;
import uk.redress.workflow.calendar.WorkingDayCalendar;

/** The handling report of an organisation over a period, from the report tables. */
@ApplicationScoped
public class HandlingReports {

    private static final String IMPROVEMENTS = "SELECT * FROM report_improvement WHERE organisation = $1";
    // Agreed by the period's end and not done before it starts: agreed, done or overdue in it.
    private static final String IMPROVEMENTS_OF_PERIOD = " AND agreed_on <= $3 AND (completed_on IS NULL "
            + "OR completed_on >= $2)";
    // The period's and the period before's (day >= $2 is the period's), from whole months where they can be.
    private static final String SUMS = "SELECT procedure, stage, measure, day >= $2 AS current, sum(count) AS count, "
            + "sum(amount) AS amount FROM report_tally WHERE organisation = $1 "
            + "AND ((span = 'M' AND day = ANY($3)) OR (span = 'D' AND day = ANY($4))) GROUP BY 1, 2, 3, 4";
    // Received by the end and not ended by it ($2: the end).
    private static final String OPEN = "SELECT procedure, received_on, count(*) AS count FROM report_complaint "
            + "WHERE organisation = $1 AND kind = 'COMPLAINT' AND COALESCE(ended_on, 'infinity'::date) > $2 "
            + "AND received_on <= $2 GROUP BY 1, 2";
    // Started in the period ($2 to $3), due before its end ($4), not sent.
    private static final String NOT_ACKNOWLEDGED = "SELECT procedure, stage, count(*) AS count FROM report_stage "
            + "WHERE organisation = $1 AND acknowledged_on IS NULL AND acknowledgement_due IS NOT NULL "
            + "AND started_on BETWEEN $2 AND $3 AND acknowledgement_due < $4 GROUP BY 1, 2";
    // Lapsed in the period (the day after the due date in it), the step not done before its end ($4).
    private static final String RUNNING_LAPSES = "SELECT procedure, stage, acknowledgement_lapsed_due AS missed, "
            + "acknowledged_on AS done, count(*) AS count FROM report_stage WHERE organisation = $1 "
            + "AND COALESCE(acknowledged_on, 'infinity'::date) >= $4 "
            + "AND acknowledgement_lapsed_due BETWEEN $2::date - 1 AND $3::date - 1 GROUP BY 1, 2, 3, 4 "
            + "UNION ALL SELECT procedure, stage, response_lapsed_due, responded_on, count(*) FROM report_stage "
            + "WHERE organisation = $1 AND COALESCE(responded_on, 'infinity'::date) >= $4 "
            + "AND response_lapsed_due BETWEEN $2::date - 1 AND $3::date - 1 GROUP BY 1, 2, 3, 4";

    private static final String PLANNED_FOR_THEIR_DATES = "SET LOCAL plan_cache_mode = force_custom_plan";

    private final Pool database;
    private final Clock clock;
    private final HandlingFigures figures;
    private final Categories categories;
    private final ReportSettings settings;
    private final WrittenSections written;

    public HandlingReports(Pool database, Clock clock, ProcedureVersions procedures, WorkingDayCalendar calendar,
                           Categories categories, ReportSettings settings, WrittenSections written) {
        this.database = database;
        this.clock = clock;
        this.figures = new HandlingFigures(procedures, calendar);
        this.categories = categories;
        this.settings = settings;
        this.written = written;
    }

    /** The figures of {@code from} to {@code to}, both included, as they stand today. */
    public Uni<HandlingReport> report(String organisation, LocalDate from, LocalDate to) {
        Period period = new Period(from, to, today());
        return counts(organisation, period).map(counts -> report(organisation, period, counts));
    }

    private HandlingReport report(String organisation, Period period, Counts counts) {
        return figures.report(organisation, categories.of(organisation), settings.denominators(organisation), period,
                counts);
    }

    /**
     * The annual report of a reporting year: its figures as they stand today, and what the council wrote. Its
     * improvements are those the year's rows hold: agreed by its end and not done before it began.
     */
    public Uni<AnnualReport> annual(String organisation, ReportingYear year) {
        Period period = new Period(year.from(), year.to(), today());
        return counts(organisation, period).chain(counts -> written.selfAssessment(organisation, year.start())
                .chain(selfAssessment -> written.statements(organisation, year.start())
                        .map(statements -> new AnnualReport(organisation, year.start(), year.label(), year.from(),
                                year.to(), report(organisation, period, counts), counts.improvements().stream()
                                .map(row -> new AnnualReport.Improvement(row.procedure(), row.action(), row.owner(),
                                        row.agreedOn(), row.dueOn(), row.completedOn()))
                                .toList(), selfAssessment, statements))));
    }

    /** The Children Act procedure's figures of {@code from} to {@code to}, small counts shown as fewer than the threshold. */
    public Uni<ChildrenActReport> childrenAct(String organisation, LocalDate from, LocalDate to) {
        Period period = new Period(from, to, today());
        return counts(organisation, period).map(counts -> ChildrenActReport.of(organisation, period,
                figures.procedure(ChildrenActReport.PROCEDURE, categories.of(organisation), period, counts),
                settings.smallCountThreshold()));
    }

    /** The figures of each of the last {@code months} calendar months, this one last (counted to today). */
    public Uni<List<HandlingReport>> monthly(String organisation, int months) {
        LocalDate today = today();
        YearMonth last = YearMonth.from(today);
        List<Uni<HandlingReport>> series = new ArrayList<>();
        for (YearMonth month = last.minusMonths(months - 1L); !month.isAfter(last); month = month.plusMonths(1)) {
            Period period = new Period(month.atDay(1), month.atEndOfMonth(), today);
            series.add(counts(organisation, period).map(counts -> report(organisation, period, counts)));
        }
        // One month after another: twelve at once would take every connection of the pool.
        return Multi.createFrom().iterable(series).onItem().transformToUniAndConcatenate(report -> report)
                .collect().asList();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), WorkingDayCalendar.UK_TIME);
    }

    /**
     * What the report tables give a report of the period: five queries sent together on one connection, each planned
     * for its own dates. A plan made once for any date (PostgreSQL's generic plan for a statement prepared before)
     * reads every complaint of the organisation to find the few open at the end: 20 ms where 0.1 ms will do.
     */
    Uni<Counts> counts(String organisation, Period period) {
        return database.withTransaction(connection -> connection.query(PLANNED_FOR_THEIR_DATES).execute()
                .chain(() -> counts(connection, organisation, period)));
    }

    private static Uni<Counts> counts(SqlConnection connection, String organisation, Period period) {
        Spans spans = Spans.of(period.previousFrom(), period.to(), period.from());
        Uni<List<Sum>> sums = connection.preparedQuery(SUMS).execute(Tuple.tuple().addString(organisation)
                        .addLocalDate(period.from()).addArrayOfLocalDate(spans.months().toArray(LocalDate[]::new))
                        .addArrayOfLocalDate(spans.days().toArray(LocalDate[]::new)))
                .map(rows -> list(rows, row -> new Sum(row.getString("procedure"), row.getString("stage"),
                        row.getString("measure"), row.getBoolean("current"), row.getLong("count"),
                        row.getBigDecimal("amount"))));
        Uni<List<OpenComplaint>> open = connection.preparedQuery(OPEN).execute(Tuple.of(organisation, period.end()))
                .map(rows -> list(rows, row -> new OpenComplaint(row.getString("procedure"),
                        row.getLocalDate("received_on"), row.getLong("count"))));
        Tuple days = Tuple.of(organisation, period.from(), period.to(), period.end());
        Uni<List<NotAcknowledged>> notAcknowledged = connection.preparedQuery(NOT_ACKNOWLEDGED).execute(days)
                .map(rows -> list(rows, row -> new NotAcknowledged(row.getString("procedure"),
                        row.getString("stage"), row.getLong("count"))));
        Uni<List<RunningLapse>> running = connection.preparedQuery(RUNNING_LAPSES).execute(days)
                .map(rows -> list(rows, row -> new RunningLapse(row.getString("procedure"), row.getString("stage"),
                        row.getLocalDate("missed"), date(row, "done"), row.getLong("count"))));
        Uni<List<ImprovementRow>> improvements = connection.preparedQuery(IMPROVEMENTS + IMPROVEMENTS_OF_PERIOD)
                .execute(Tuple.of(organisation, period.from(), period.to()))
                .map(HandlingReports::improvementRows);
        return Uni.combine().all().unis(sums, open, notAcknowledged, running, improvements).with(Counts::new);
    }

    private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> item) {
        List<T> items = new ArrayList<>(rows.size());
        rows.forEach(row -> items.add(item.apply(row)));
        return items;
    }

    /**
     * The first days of the months and the single days that together make {@code first} to {@code last}: whole
     * months where they can be, but never one across {@code split}, where the period starts.
     */
    record Spans(List<LocalDate> months, List<LocalDate> days) {

        static Spans of(LocalDate first, LocalDate last, LocalDate split) {
            List<LocalDate> months = new ArrayList<>();
            List<LocalDate> days = new ArrayList<>();
            LocalDate day = first;
            while (!day.isAfter(last)) {
                LocalDate monthEnd = YearMonth.from(day).atEndOfMonth();
                boolean splitInside = split.isAfter(day) && !split.isAfter(monthEnd);
                if (day.getDayOfMonth() == 1 && !monthEnd.isAfter(last) && !splitInside) {
                    months.add(day);
                    day = monthEnd.plusDays(1);
                } else {
                    days.add(day);
                    day = day.plusDays(1);
                }
            }
            return new Spans(months, days);
        }
    }

    /** Every improvement of the organisation, the soonest due first; only those overdue today where asked. */
    public Uni<List<ImprovementRow>> improvements(String organisation, boolean overdueOnly) {
        LocalDate today = today();
        return database.preparedQuery(IMPROVEMENTS + " ORDER BY due_on, reference, number")
                .execute(Tuple.of(organisation))
                .map(rows -> improvementRows(rows).stream()
                        .filter(improvement -> !overdueOnly || improvement.overdueOn(today)).toList());
    }

    private static List<ImprovementRow> improvementRows(RowSet<Row> rows) {
        List<ImprovementRow> improvements = new ArrayList<>();
        for (Row row : rows) {
            improvements.add(new ImprovementRow(row.getUUID("complaint_id"), row.getInteger("number"),
                    row.getString("organisation"), row.getString("procedure"), row.getString("reference"),
                    row.getString("action"), row.getString("owner"), row.getLocalDate("agreed_on"),
                    row.getLocalDate("due_on"), date(row, "completed_on"), row.getInteger("version")));
        }
        return improvements;
    }

    private static Optional<LocalDate> date(Row row, String column) {
        return Optional.ofNullable(row.getLocalDate(column));
    }
}
