package uk.redress.complaint.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.core.Categories;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.report.HandlingFigures.Period;
import uk.redress.complaint.report.HandlingReport.Distribution;
import uk.redress.complaint.report.HandlingReport.ProcedureFigures;
import uk.redress.complaint.report.HandlingReport.StageFigures;
import uk.redress.complaint.report.ReportRows.ComplaintRow;
import uk.redress.complaint.report.ReportRows.ImprovementRow;
import uk.redress.complaint.report.ReportRows.Promise;
import uk.redress.complaint.report.ReportRows.StageRow;
import uk.redress.complaint.report.ReportSettings.Denominators;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.workflow.procedure.ProcedurePolicies;

/**
 * Every measure of the handling report over a set of complaints whose figures are worked out by hand below, in the
 * financial year 2026/27 and across its boundaries: complaints received in the year before and answered in this one,
 * a lapse the day after the year ends, and counts across Christmas, Easter and the May bank holidays of England. The
 * rows are written to the report tables as the projection writes them, under an organisation of each test's own, and
 * the figures worked out from what the database sums and selects.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class HandlingFiguresTest {

    private static final String DURHAM = "durham-sendiass";
    private static final String CORPORATE = "council-corporate";
    private static final Period YEAR = new Period(day("2026-04-01"), day("2027-03-31"), day("2027-04-06"));
    private static final Categories.Lists LISTS = ComplaintFixtures.CATEGORIES.of("durham");

    private final HandlingFigures figures =
            new HandlingFigures(new ProcedureVersions(ProcedurePolicies.shipped()), WorkingDayCalendar.of(BankHolidays.shipped()));
    private final String organisation = "figures-" + UUID.randomUUID();
    private boolean written;

    @Inject
    ReportProjection projection;

    @Inject
    HandlingReports reports;

    @Inject
    Pool database;
    private final List<ComplaintRow> complaints = new ArrayList<>();
    private final List<StageRow> stages = new ArrayList<>();
    private final List<ImprovementRow> improvements = new ArrayList<>();

    HandlingFiguresTest() {
        // A: acknowledged in time; answered within its agreed extension, not its first date; the Ombudsman upheld it.
        UUID a = complaint(DURHAM, "COMPLAINT", "CLOSED", "2026-12-21", "2027-02-01", "2027-02-10", "UPHELD",
                "2027-03-15");
        stage(a, DURHAM, "stage-1", "2026-12-21",
                promise("2026-12-24", "2026-12-24", "2026-12-22", 0, null),
                promise("2027-01-21", "2027-01-28", "2027-01-27", 1, null), "2027-01-27", "PARTLY_UPHELD",
                List.of("APOLOGY"), false);
        // B: acknowledged late (its lapse recorded), its response lapses the day after the year ends.
        UUID b = complaint(DURHAM, "COMPLAINT", "OPEN", "2027-03-01", null, null, null, null);
        stage(b, DURHAM, "stage-1", "2027-03-01",
                promise("2027-03-04", "2027-03-04", "2027-03-08", 0, "2027-03-04"),
                promise("2027-03-31", "2027-03-31", null, 0, "2027-03-31"), null, null, List.of(), false);
        // C: received the year before, answered at stage 1 in this one, escalated, stage 2 answered late.
        UUID c = complaint(DURHAM, "COMPLAINT", "CLOSED", "2026-03-20", "2026-06-01", null, null, null);
        stage(c, DURHAM, "stage-1", "2026-03-20",
                promise("2026-03-25", "2026-03-25", "2026-03-23", 0, null),
                promise("2026-04-20", "2026-04-20", "2026-04-15", 0, null), "2026-04-15", "NOT_UPHELD",
                List.of("EXPLANATION"), true);
        stage(c, DURHAM, "stage-2", "2026-04-20",
                promise("2026-04-27", "2026-04-27", "2026-04-21", 0, null),
                promise("2026-05-19", "2026-05-19", "2026-06-01", 0, "2026-05-19"), "2026-06-01", "UPHELD",
                List.of("APOLOGY", "CHANGE"), false);
        // D, E: a comment and an appeal signposted elsewhere.
        complaint(DURHAM, "COMMENT", "CLOSED", "2026-06-10", "2026-06-10", null, null, null);
        complaint(DURHAM, "APPEAL", "SIGNPOSTED", "2026-07-01", null, null, null, null);
        // F: withdrawn two days after it was acknowledged in time.
        UUID f = complaint(DURHAM, "COMPLAINT", "WITHDRAWN", "2026-08-03", "2026-08-05", null, null, null);
        stage(f, DURHAM, "stage-1", "2026-08-03",
                promise("2026-08-06", "2026-08-06", "2026-08-04", 0, null),
                promise("2026-08-31", "2026-08-31", null, 0, null), null, null, List.of(), false);
        // Learning from A: one improvement done in the year, one due in March and not done by the year's end, and one
        // from C agreed the year before and done in this one.
        improvements.add(improvement(a, "2027-01-27", "2027-03-01", "2027-02-20"));
        improvements.add(improvement(a, "2027-01-27", "2027-03-15", null));
        improvements.add(improvement(c, "2026-03-25", "2026-05-01", "2026-04-28"));
        // G: a corporate complaint (no acknowledgement promised), its response lapsed and still not sent.
        UUID g = complaint(CORPORATE, "COMPLAINT", "OPEN", "2027-01-11", null, null, null, null);
        stage(g, CORPORATE, "stage-1", "2027-01-11", null,
                promise("2027-01-25", "2027-01-25", null, 0, "2027-01-25"), null, null, List.of(), false);
    }

    @Test
    void complaintsSetAgainstThePopulationWhereConfigured() {
        // A, B, F and G were received in the year, under both procedures: 4 x 10,000 / 522,100 = 0.0766.
        HandlingReport.Rates rates = report(new Denominators(Optional.of(522_100L), Optional.of(4_000L)), YEAR)
                .rates();

        assertThat(rates).isEqualTo(new HandlingReport.Rates(4, Optional.of(522_100L), Optional.of(0.08),
                Optional.of(4_000L), Optional.of(1.0)));
        assertThat(report(Denominators.NONE, YEAR).rates())
                .isEqualTo(new HandlingReport.Rates(4, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()));
    }

    @Test
    void whatWasReceivedWithdrawnAndLeftOpen() {
        ProcedureFigures durham = procedure(DURHAM);

        // A, B and F; C came in the year before.
        assertThat(durham.received()).containsExactly(Map.entry("COMPLAINT", 3L), Map.entry("COMMENT", 1L),
                Map.entry("COMPLIMENT", 0L), Map.entry("APPEAL", 1L), Map.entry("DISCRIMINATION_CLAIM", 0L));
        assertThat(durham.withdrawn()).isEqualTo(1);
        // Only B at the year's end (31 March), 20 working days after 1 March (Good Friday is 26 March 2027).
        assertThat(durham.openAtEnd().total()).isEqualTo(1);
        assertThat(durham.openAtEnd().byAge()).containsExactly(Map.entry("0-10", 0L), Map.entry("11-20", 1L),
                Map.entry("21-40", 0L), Map.entry("41+", 0L));
        // G: 55 working days from 11 January to 31 March 2027.
        assertThat(procedure(CORPORATE).openAtEnd().byAge()).containsEntry("41+", 1L);
    }

    @Test
    void aRowWrittenAgainCountsAsItNowStandsAndAnOlderOneChangesNothing() {
        // F as it stood before it was withdrawn: open, acknowledged, its response running.
        UUID f = complaints.stream().filter(row -> row.status().equals("WITHDRAWN")).findFirst().orElseThrow()
                .complaintId();
        ComplaintRow open = complaints.stream().filter(row -> row.complaintId().equals(f)).findFirst().orElseThrow();
        ComplaintRow before = new ComplaintRow(f, organisation, DURHAM, "COMPLAINT", "OPEN", open.receivedOn(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("Transport"),
                List.of("Delay"), Optional.empty(), Optional.empty(), 0);
        StageRow stage = stages.stream().filter(row -> row.complaintId().equals(f)).findFirst().orElseThrow();
        StageRow stageBefore = new StageRow(f, "stage-1", organisation, DURHAM, stage.startedOn(),
                stage.acknowledgement(), stage.response(), Optional.empty(), Optional.empty(), List.of(), false,
                Optional.empty(), 0);
        assertThat(procedure(DURHAM).withdrawn()).isEqualTo(1);

        // Written again at an older version (a rebuild's fold behind the live append): nothing moves.
        write(List.of(new ReportRows(before, List.of(stageBefore), List.of())));
        ProcedureFigures durham = procedure(DURHAM);
        assertThat(durham.withdrawn()).isEqualTo(1);
        assertThat(durham.serviceAreas().get("Transport").count()).isZero();
        assertThat(stage(DURHAM, "stage-1").started()).isEqualTo(3);

        // A newer version replaces what the row added: F answered (not upheld) and classified, still withdrawn.
        ComplaintRow after = new ComplaintRow(f, organisation, DURHAM, "COMPLAINT", "WITHDRAWN", open.receivedOn(),
                open.endedOn(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("Transport"),
                List.of("Delay"), Optional.empty(), Optional.empty(), 2);
        StageRow stageAfter = new StageRow(f, "stage-1", organisation, DURHAM, stage.startedOn(),
                stage.acknowledgement(), stage.response(), Optional.of(day("2026-08-04")), Optional.of("NOT_UPHELD"),
                List.of(), false, Optional.empty(), 2);
        write(List.of(new ReportRows(after, List.of(stageAfter), List.of())));
        durham = procedure(DURHAM);
        assertThat(durham.withdrawn()).isEqualTo(1);
        assertThat(durham.serviceAreas().get("Transport").count()).isEqualTo(1);
        assertThat(durham.themes().get("Delay").count()).isEqualTo(1);
        assertThat(durham.received()).containsEntry("COMPLAINT", 3L);
        StageFigures stageOne = stage(DURHAM, "stage-1");
        assertThat(stageOne.started()).isEqualTo(3);
        assertThat(stageOne.responses().sent()).isEqualTo(3);
        assertThat(stageOne.outcomes()).containsEntry("NOT_UPHELD", 2L);
    }

    @Test
    void theLearningAgreedDoneAndOverdue() {
        assertThat(procedure(DURHAM).learning()).isEqualTo(new HandlingReport.Learning(2, 2, 1));
        assertThat(procedure(CORPORATE).learning()).isEqualTo(new HandlingReport.Learning(0, 0, 0));
    }

    @Test
    void stageOneAcknowledgementsResponsesAndExtensions() {
        StageFigures stageOne = stage(DURHAM, "stage-1");

        assertThat(stageOne.started()).isEqualTo(3);
        // A and F on time, B late.
        assertThat(stageOne.acknowledgements()).isEqualTo(new HandlingReport.WithinTime(3, 2, Optional.of(66.7)));
        // A (27 January, first due 21 January, extended to 28 January) and C (15 April, due 20 April).
        assertThat(stageOne.responses()).isEqualTo(new HandlingReport.Responses(2, 1, Optional.of(50.0), 2,
                Optional.of(100.0)));
        // A's response: 21 to 28 January 2027 is five working days.
        assertThat(stageOne.extensions()).isEqualTo(new HandlingReport.Extensions(1, 5));
        // A: 21 December to 27 January, 24 working days (Christmas, the Boxing Day substitute on 28 December and New
        // Year's Day off); C: 20 March to 15 April 2026, 16 (Good Friday 3 April, Easter Monday 6 April).
        assertThat(stageOne.workingDaysToRespond()).isEqualTo(distribution(2, 20.0, 20.0, 23.2));
        assertThat(stageOne.outcomes()).containsExactly(Map.entry("UPHELD", 0L), Map.entry("PARTLY_UPHELD", 1L),
                Map.entry("NOT_UPHELD", 1L));
        assertThat(stageOne.remedies()).containsEntry("APOLOGY", 1L).containsEntry("EXPLANATION", 1L)
                .containsEntry("PRACTICAL_ACTION", 0L);
        // C asked for stage 2.
        assertThat(stageOne.escalated()).isEqualTo(new HandlingReport.Share(1, Optional.of(50.0)));
    }

    @Test
    void lapsesFallInTheYearOfTheDayAfterTheirDueDate() {
        // B's acknowledgement, due 4 March, sent 8 March: two working days late. B's response lapses on 1 April 2027.
        assertThat(stage(DURHAM, "stage-1").lapses())
                .isEqualTo(new HandlingReport.Lapses(1, distribution(1, 2.0, 2.0, 2.0)));
        // C's stage 2 response, due 19 May, sent 1 June 2026: eight working days late (25 May a bank holiday).
        assertThat(stage(DURHAM, "stage-2").lapses())
                .isEqualTo(new HandlingReport.Lapses(1, distribution(1, 8.0, 8.0, 8.0)));
        // G's, due 25 January and not sent by the year's end: 45 working days late on 31 March 2027.
        assertThat(stage(CORPORATE, "stage-1").lapses())
                .isEqualTo(new HandlingReport.Lapses(1, distribution(1, 45.0, 45.0, 45.0)));

        HandlingReport nextYear = report(Denominators.NONE,
                new Period(day("2027-04-01"), day("2028-03-31"), day("2027-04-06")));
        // On 6 April 2027: from 31 March, 1, 2, 5 and 6 April.
        assertThat(nextYear.procedures().getFirst().stages().getFirst().lapses())
                .isEqualTo(new HandlingReport.Lapses(1, distribution(1, 4.0, 4.0, 4.0)));
    }

    @Test
    void stageTwoAndTheOmbudsman() {
        StageFigures stageTwo = stage(DURHAM, "stage-2");

        assertThat(stageTwo.started()).isEqualTo(1);
        assertThat(stageTwo.acknowledgements()).isEqualTo(new HandlingReport.WithinTime(1, 1, Optional.of(100.0)));
        assertThat(stageTwo.responses()).isEqualTo(new HandlingReport.Responses(1, 0, Optional.of(0.0), 0,
                Optional.of(0.0)));
        // 20 April to 1 June 2026: 28 working days (4 and 25 May bank holidays).
        assertThat(stageTwo.workingDaysToRespond()).isEqualTo(distribution(1, 28.0, 28.0, 28.0));
        assertThat(stageTwo.remedies()).containsEntry("APOLOGY", 1L).containsEntry("CHANGE", 1L);
        assertThat(stageTwo.escalated()).isEqualTo(new HandlingReport.Share(0, Optional.of(0.0)));

        HandlingReport.OmbudsmanFigures ombudsman = procedure(DURHAM).ombudsman();
        assertThat(ombudsman.referred()).isEqualTo(1);
        assertThat(ombudsman.decisions()).containsEntry("UPHELD", 1L).containsEntry("NOT_UPHELD", 0L);
        assertThat(ombudsman.ombudsmanUpheldRate()).contains(100.0);
        // Of the three responses sent in the year (A partly upheld, C not upheld at stage 1, upheld at stage 2).
        assertThat(ombudsman.councilUpheldRate()).contains(66.7);
    }

    @Test
    void nothingToCountGivesNoPercentage() {
        StageFigures corporate = stage(CORPORATE, "stage-1");

        assertThat(corporate.acknowledgements()).isEqualTo(new HandlingReport.WithinTime(0, 0, Optional.empty()));
        assertThat(corporate.responses().percentWithinOriginalTime()).isEmpty();
        assertThat(corporate.workingDaysToRespond()).isEqualTo(new Distribution(0, Optional.empty(),
                Optional.empty(), Optional.empty()));
        assertThat(procedure(CORPORATE).ombudsman().councilUpheldRate()).isEmpty();
        assertThat(report(Denominators.NONE, YEAR).procedures())
                .extracting(ProcedureFigures::procedure).containsExactlyInAnyOrder(DURHAM, CORPORATE);
    }

    @Test
    void serviceAreasAndThemesBesideTheYearBefore() {
        String classifying = "figures-" + UUID.randomUUID();
        List<ComplaintRow> classified = List.of(
                classified(classifying, "2026-05-04", "Transport", List.of("Delay", "Communication")),
                classified(classifying, "2027-02-01", "Transport", List.of("Delay")),
                // A service area the list no longer has is still counted, after the listed ones.
                classified(classifying, "2026-09-01", "School meals", List.of()),
                classified(classifying, "2025-10-01", "Transport", List.of("Communication")),
                classified(classifying, "2025-11-01", "EHC plan", List.of()),
                // Before the year before: counted in neither.
                classified(classifying, "2025-03-31", "EHC plan", List.of("Delay")));

        write(classified.stream().map(row -> new ReportRows(row, List.of(), List.of())).toList());
        ProcedureFigures figures = this.figures.report(classifying, LISTS, Denominators.NONE, YEAR,
                counts(classifying, YEAR)).procedures().getFirst();

        assertThat(figures.serviceAreas()).containsExactly(
                Map.entry("EHC needs assessment", new HandlingReport.Trend(0, 0, 0)),
                Map.entry("EHC plan", new HandlingReport.Trend(0, 1, -1)),
                Map.entry("Transport", new HandlingReport.Trend(2, 1, 1)),
                Map.entry("School meals", new HandlingReport.Trend(1, 0, 1)));
        assertThat(figures.themes()).containsExactly(
                Map.entry("Delay", new HandlingReport.Trend(2, 0, 2)),
                Map.entry("Communication", new HandlingReport.Trend(1, 1, 0)));
        assertThat(figures.unclassified()).isZero();
    }

    private static ComplaintRow classified(String organisation, String receivedOn, String serviceArea,
                                           List<String> themes) {
        return new ComplaintRow(UUID.randomUUID(), organisation, DURHAM, "COMPLAINT", "OPEN", day(receivedOn),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(serviceArea),
                themes, Optional.empty(), Optional.empty(), 1);
    }

    /** The report of the period from this test's rows, written the first time. */
    private HandlingReport report(Denominators denominators, Period period) {
        if (!written) {
            write(complaints.stream().map(complaint -> new ReportRows(complaint,
                    stages.stream().filter(stage -> stage.complaintId().equals(complaint.complaintId())).toList(),
                    improvements.stream().filter(row -> row.complaintId().equals(complaint.complaintId())).toList()))
                    .toList());
            written = true;
        }
        return figures.report(organisation, LISTS, denominators, period, counts(organisation, period));
    }

    private void write(List<ReportRows> rows) {
        database.withTransaction(connection -> projection.write(connection, rows)).await().indefinitely();
    }

    private HandlingFigures.Counts counts(String organisation, Period period) {
        return reports.counts(organisation, period).await().indefinitely();
    }

    private ProcedureFigures procedure(String id) {
        return report(Denominators.NONE, YEAR).procedures().stream()
                .filter(procedure -> procedure.procedure().equals(id)).findFirst().orElseThrow();
    }

    private StageFigures stage(String procedure, String stage) {
        return procedure(procedure).stages().stream().filter(figures -> figures.stage().equals(stage)).findFirst()
                .orElseThrow();
    }

    private static Distribution distribution(long count, double mean, double median, double percentile90) {
        return new Distribution(count, Optional.of(mean), Optional.of(median), Optional.of(percentile90));
    }

    private UUID complaint(String procedure, String kind, String status, String receivedOn, String endedOn,
                           String referredOn, String decision, String decidedOn) {
        UUID id = UUID.randomUUID();
        complaints.add(new ComplaintRow(id, organisation, procedure, kind, status, day(receivedOn), optional(endedOn),
                optional(referredOn), Optional.ofNullable(decision), optional(decidedOn), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), 1));
        return id;
    }

    private void stage(UUID complaint, String procedure, String stage, String startedOn, Promise acknowledgement,
                       Promise response, String respondedOn, String outcome, List<String> remedies,
                       boolean escalated) {
        stages.add(new StageRow(complaint, stage, organisation, procedure, day(startedOn),
                Optional.ofNullable(acknowledgement), Optional.ofNullable(response), optional(respondedOn),
                Optional.ofNullable(outcome), remedies, escalated, Optional.empty(), 1));
    }

    private ImprovementRow improvement(UUID complaint, String agreedOn, String dueOn, String completedOn) {
        int number = (int) improvements.stream().filter(row -> row.complaintId().equals(complaint)).count() + 1;
        return new ImprovementRow(complaint, number, organisation, DURHAM, "SEND-2026-000001", "Answer by email too",
                "SEND casework manager", day(agreedOn), day(dueOn), optional(completedOn), 1);
    }

    private static Promise promise(String originalDue, String due, String keptOn, int extensions, String lapsedDue) {
        return new Promise(day(originalDue), day(due), optional(keptOn), extensions, optional(lapsedDue), 0);
    }

    private static Optional<LocalDate> optional(String day) {
        return Optional.ofNullable(day).map(LocalDate::parse);
    }

    private static LocalDate day(String day) {
        return LocalDate.parse(day);
    }
}
