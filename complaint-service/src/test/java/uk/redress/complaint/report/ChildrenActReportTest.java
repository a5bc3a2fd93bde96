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
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.report.HandlingFigures.Period;
import uk.redress.complaint.report.ReportRows.ComplaintRow;
import uk.redress.complaint.report.ReportRows.ImprovementRow;
import uk.redress.complaint.report.ReportRows.Promise;
import uk.redress.complaint.report.ReportRows.StageRow;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;

/**
 * Seven children's complaints in a year: five by parents, two by children themselves, three answered at stage 1 in
 * time and four late, one taken to stage 2. Every count below five reads "fewer than 5", and no percentage of one is
 * shown.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class ChildrenActReportTest {

    private static final String PROCEDURE = ChildrenActReport.PROCEDURE;

    @Inject
    ReportProjection projection;

    @Inject
    HandlingReports reports;

    @Inject
    Pool database;

    @Test
    void smallCountsReadFewerThanTheThresholdAndTheirPercentagesAreNotShown() {
        String organisation = "children-" + UUID.randomUUID();
        List<ComplaintRow> complaints = new ArrayList<>();
        List<StageRow> stages = new ArrayList<>();
        for (int n = 0; n < 7; n++) {
            UUID id = UUID.randomUUID();
            LocalDate received = LocalDate.parse("2026-06-01").plusDays(n);
            complaints.add(new ComplaintRow(id, organisation, PROCEDURE, "COMPLAINT", "OPEN", received,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of("Delay"), Optional.of(n < 5 ? "PARENT_OR_CARER" : "CHILD"), Optional.of("TAKEN_UP"), 2));
            LocalDate due = received.plusDays(14);
            LocalDate responded = n < 3 ? due : due.plusDays(2);
            stages.add(new StageRow(id, "stage-1", organisation, PROCEDURE, received, Optional.empty(),
                    Optional.of(new Promise(due, due, Optional.of(responded), 0, Optional.empty(), 0)),
                    Optional.of(responded), Optional.of("NOT_UPHELD"), List.of(), n == 0, Optional.empty(), 2));
        }
        // What was learned: an improvement agreed from the first complaint, done in the year.
        List<ImprovementRow> improvements = List.of(new ImprovementRow(complaints.getFirst().complaintId(), 1,
                organisation, PROCEDURE, "CA-1", "Tell children of the advocacy service in the first letter",
                "Children's complaints manager", LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30"),
                Optional.of(LocalDate.parse("2026-08-14")), 3));
        Period year = new Period(LocalDate.parse("2026-04-01"), LocalDate.parse("2027-03-31"),
                LocalDate.parse("2027-04-06"));
        List<ReportRows> rows = new ArrayList<>();
        for (int n = 0; n < complaints.size(); n++) {
            rows.add(new ReportRows(complaints.get(n), List.of(stages.get(n)), n == 0 ? improvements : List.of()));
        }
        database.withTransaction(connection -> projection.write(connection, rows)).await().indefinitely();
        HandlingReport.ProcedureFigures figures = new HandlingFigures(new ProcedureVersions(ProcedurePolicies.shipped()),
                WorkingDayCalendar.of(BankHolidays.shipped()))
                .procedure(PROCEDURE, ComplaintFixtures.CATEGORIES.of("durham"), year,
                        reports.counts(organisation, year).await().indefinitely());

        ChildrenActReport report = ChildrenActReport.of("durham", year, figures, 5);

        assertThat(report.received()).containsEntry("COMPLAINT", "7").containsEntry("COMMENT", "0");
        assertThat(report.madeBy()).containsEntry("PARENT_OR_CARER", "5").containsEntry("CHILD", "fewer than 5")
                .containsEntry("ADVOCATE", "0");
        assertThat(report.advocacy()).containsEntry("TAKEN_UP", "7");
        assertThat(report.themes()).containsEntry("Delay", "7").containsEntry("Communication", "0");
        ChildrenActReport.Stage stageOne = report.stages().getFirst();
        assertThat(stageOne.started()).isEqualTo("7");
        assertThat(stageOne.responses()).isEqualTo("7");
        assertThat(stageOne.responsesWithinTime()).isEqualTo("fewer than 5");
        assertThat(stageOne.percentWithinTime()).isEqualTo("not shown");
        assertThat(stageOne.outcomes()).containsEntry("NOT_UPHELD", "7").containsEntry("UPHELD", "0");
        assertThat(report.ombudsman()).containsEntry("referred", "0");
        assertThat(report.learning()).containsExactly(Map.entry("agreed", "fewer than 5"),
                Map.entry("done", "fewer than 5"), Map.entry("overdue", "0"));
        // A council that sets the threshold at 2 shows the children's two.
        assertThat(ChildrenActReport.of("durham", year, figures, 2).madeBy()).containsEntry("CHILD", "2");
        assertThat(ChildrenActReport.of("durham", year, figures, 2).stages().getFirst().percentWithinTime())
                .isEqualTo("42.9");
        assertThat(report.stages()).extracting(ChildrenActReport.Stage::stage).containsExactly("stage-1", "stage-2",
                "stage-3");
    }
}
