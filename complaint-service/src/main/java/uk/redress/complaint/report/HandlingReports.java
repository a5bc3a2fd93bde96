package uk.redress.complaint.report;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.redress.complaint.core.Categories;
import uk.redress.complaint.report.HandlingFigures.Period;
import uk.redress.complaint.report.HandlingFigures.Rows;
import uk.redress.complaint.report.ReportRows.ComplaintRow;
import uk.redress.complaint.report.ReportRows.ImprovementRow;
import uk.redress.complaint.report.ReportRows.Promise;
import uk.redress.complaint.report.ReportRows.StageRow;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;

/** The handling report of an organisation over a period, from the report tables. */
@ApplicationScoped
public class HandlingReports {

    private static final String IMPROVEMENTS = "SELECT * FROM report_improvement WHERE organisation = $1";
    // Received in the period or the one before (what is received, and the trends); open at some point of the period;
    // ended in it (withdrawn); or the Ombudsman's in it.
    private static final String COMPLAINTS = "SELECT * FROM report_complaint WHERE organisation = $1 "
            + "AND received_on <= $4 AND (received_on >= $2 OR ended_on IS NULL OR ended_on >= $3 "
            + "OR ombudsman_referred_on >= $3 OR ombudsman_decided_on >= $3)";
    // Started or answered in the period, or a deadline of it lapsed in it (the day after the due date).
    private static final String STAGES = "SELECT * FROM report_stage WHERE organisation = $1 AND started_on <= $3 "
            + "AND (started_on >= $2 OR responded_on >= $2 OR acknowledgement_lapsed_due >= $2::date - 1 "
            + "OR response_lapsed_due >= $2::date - 1)";
    // Agreed by the period's end and not done before it starts: agreed, done or overdue in it.
    private static final String IMPROVEMENTS_OF_PERIOD = " AND agreed_on <= $3 AND (completed_on IS NULL "
            + "OR completed_on >= $2)";

    private final Pool database;
    private final Clock clock;
    private final HandlingFigures figures;
    private final Categories categories;
    private final ReportSettings settings;
    private final WrittenSections written;

    public HandlingReports(Pool database, Clock clock, ProcedurePolicies procedures, WorkingDayCalendar calendar,
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
        return rows(organisation, period).map(rows -> report(organisation, period, rows));
    }

    private HandlingReport report(String organisation, Period period, Rows rows) {
        return figures.report(organisation, categories.of(organisation), settings.denominators(organisation), period,
                rows);
    }

    /**
     * The annual report of a reporting year: its figures as they stand today, and what the council wrote. Its
     * improvements are those the year's rows hold: agreed by its end and not done before it began.
     */
    public Uni<AnnualReport> annual(String organisation, ReportingYear year) {
        Period period = new Period(year.from(), year.to(), today());
        return rows(organisation, period).chain(rows -> written.selfAssessment(organisation, year.start())
                .chain(selfAssessment -> written.statements(organisation, year.start())
                        .map(statements -> new AnnualReport(organisation, year.start(), year.label(), year.from(),
                                year.to(), report(organisation, period, rows), rows.improvements().stream()
                                .map(row -> new AnnualReport.Improvement(row.procedure(), row.action(), row.owner(),
                                        row.agreedOn(), row.dueOn(), row.completedOn()))
                                .toList(), selfAssessment, statements))));
    }

    /** The Children Act procedure's figures of {@code from} to {@code to}, small counts shown as fewer than the threshold. */
    public Uni<ChildrenActReport> childrenAct(String organisation, LocalDate from, LocalDate to) {
        Period period = new Period(from, to, today());
        return rows(organisation, period).map(rows -> ChildrenActReport.of(organisation, period,
                figures.procedure(ChildrenActReport.PROCEDURE, categories.of(organisation), period, rows),
                settings.smallCountThreshold()));
    }

    /** The figures of each of the last {@code months} calendar months, this one last (counted to today). */
    public Uni<List<HandlingReport>> monthly(String organisation, int months) {
        LocalDate today = today();
        YearMonth last = YearMonth.from(today);
        Period covering = new Period(last.minusMonths(months - 1L).atDay(1), last.atEndOfMonth(), today);
        return rows(organisation, covering).map(rows -> {
            List<HandlingReport> series = new ArrayList<>();
            for (YearMonth month = last.minusMonths(months - 1L); !month.isAfter(last); month = month.plusMonths(1)) {
                series.add(report(organisation, new Period(month.atDay(1), month.atEndOfMonth(), today), rows));
            }
            return series;
        });
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), WorkingDayCalendar.UK_TIME);
    }

    /**
     * The organisation's rows a report of {@code period} (or of any part of it) can count, and no others: what
     * happened before the period before it and ended before it starts counts in no figure of it.
     */
    private Uni<Rows> rows(String organisation, Period period) {
        Tuple days = Tuple.of(organisation, period.from(), period.to());
        return database.withTransaction(connection -> connection.preparedQuery(COMPLAINTS)
                .execute(Tuple.of(organisation, period.previousFrom(), period.from(), period.to()))
                .chain(complaints -> connection.preparedQuery(STAGES).execute(days)
                        .chain(stages -> connection.preparedQuery(IMPROVEMENTS + IMPROVEMENTS_OF_PERIOD)
                                .execute(days)
                                .map(improvements -> {
                                    List<ComplaintRow> complaintRows = new ArrayList<>(complaints.size());
                                    complaints.forEach(row -> complaintRows.add(complaintRow(row)));
                                    List<StageRow> stageRows = new ArrayList<>(stages.size());
                                    stages.forEach(row -> stageRows.add(stageRow(row)));
                                    return new Rows(complaintRows, stageRows, improvementRows(improvements));
                                }))));
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

    private static ComplaintRow complaintRow(Row row) {
        return new ComplaintRow(row.getUUID("complaint_id"), row.getString("organisation"),
                row.getString("procedure"), row.getString("kind"), row.getString("status"),
                row.getLocalDate("received_on"), date(row, "ended_on"), date(row, "ombudsman_referred_on"),
                Optional.ofNullable(row.getString("ombudsman_decision")), date(row, "ombudsman_decided_on"),
                Optional.ofNullable(row.getString("service_area")), ReportRows.split(row.getString("themes")),
                Optional.ofNullable(row.getString("complainant_role")), Optional.ofNullable(row.getString("advocacy")),
                row.getInteger("version"));
    }

    private static StageRow stageRow(Row row) {
        return new StageRow(row.getUUID("complaint_id"), row.getString("stage"), row.getString("organisation"),
                row.getString("procedure"), row.getLocalDate("started_on"), promise(row, "acknowledgement",
                "acknowledged_on"), promise(row, "response", "responded_on"), date(row, "responded_on"),
                Optional.ofNullable(row.getString("outcome")),
                ReportRows.split(row.getString("remedies")), row.getBoolean("escalated"),
                Optional.ofNullable(row.getBigDecimal("payment")), row.getInteger("version"));
    }

    private static Optional<Promise> promise(Row row, String prefix, String keptOn) {
        return date(row, prefix + "_due").map(due -> new Promise(row.getLocalDate(prefix + "_due_original"), due,
                date(row, keptOn), row.getInteger(prefix + "_extensions"), date(row, prefix + "_lapsed_due")));
    }

    private static Optional<LocalDate> date(Row row, String column) {
        return Optional.ofNullable(row.getLocalDate(column));
    }
}
