package uk.redress.complaint.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.report.HandlingFigures.Period;
import uk.redress.complaint.report.ReportRows.ComplaintRow;
import uk.redress.complaint.report.ReportSettings.Denominators;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;

/**
 * Complaints received on the same day add to the same sums of the reports, in the append's transaction. While that
 * transaction is open, another complaint's append waits for it only when the two fall in the same part of the sums
 * (V22); the report counts both once both are committed. The waits are bounded by PostgreSQL's {@code lock_timeout},
 * so that a wait fails the append rather than hang the test.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class ReportTallyPartsTest {

    private static final String DURHAM = "durham-sendiass";
    private static final LocalDate RECEIVED = LocalDate.parse("2026-06-10");
    private static final Period YEAR = new Period(LocalDate.parse("2026-04-01"), LocalDate.parse("2027-03-31"),
            LocalDate.parse("2027-04-06"));
    /** PostgreSQL's code for a lock not granted within {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final String organisation = "parts-" + UUID.randomUUID();

    @Inject
    ReportProjection projection;

    @Inject
    HandlingReports reports;

    @Inject
    Pool database;

    @Test
    void anAppendWaitsOnAnotherUncommittedOnlyWhenTheirComplaintsFallInTheSamePart() {
        SqlConnection first = database.getConnection().await().indefinitely();
        try {
            Transaction open = first.begin().await().indefinitely();
            projection.write(first, List.of(received(inPart(3)))).await().indefinitely();

            // The first append still holds its sums: a complaint of another part is written and committed meanwhile.
            writeWaitingAtMost("5s", inPart(5));
            // One of the same part waits for the first's commit, and gives up here.
            assertThatThrownBy(() -> writeWaitingAtMost("1s", inPart(3))).isInstanceOfSatisfying(PgException.class,
                    refused -> assertThat(refused.getSqlState()).isEqualTo(LOCK_NOT_AVAILABLE));

            open.commit().await().indefinitely();
        } finally {
            first.close().await().indefinitely();
        }
        HandlingFigures figures =
                new HandlingFigures(new ProcedureVersions(ProcedurePolicies.shipped()), WorkingDayCalendar.of(BankHolidays.shipped()));
        HandlingReport report = figures.report(organisation, ComplaintFixtures.CATEGORIES.of("durham"),
                Denominators.NONE, YEAR, reports.counts(organisation, YEAR).await().indefinitely());
        assertThat(report.procedures().stream().filter(procedure -> procedure.procedure().equals(DURHAM)).findFirst()
                .orElseThrow().received()).containsEntry("COMPLAINT", 2L);
    }

    private void writeWaitingAtMost(String lockTimeout, UUID complaint) {
        database.withTransaction(connection -> connection.query("SET LOCAL lock_timeout = '" + lockTimeout + "'")
                        .execute()
                        .chain(() -> projection.write(connection, List.of(received(complaint)))))
                .await().indefinitely();
    }

    private ReportRows received(UUID complaint) {
        return new ReportRows(new ComplaintRow(complaint, organisation, DURHAM, "COMPLAINT", "OPEN", RECEIVED,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), 1), List.of(), List.of());
    }

    /** A complaint id whose last byte puts it in {@code part} of the sums (V22's {@code report_tally_part}). */
    private static UUID inPart(int part) {
        UUID random = UUID.randomUUID();
        return new UUID(random.getMostSignificantBits(), (random.getLeastSignificantBits() & ~0xFFL) | part);
    }
}
