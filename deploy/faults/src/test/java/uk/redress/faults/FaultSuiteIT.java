package uk.redress.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault suite's small run: every fault, on few complaints and short outages, must lose nothing and do nothing
 * twice. {@code deploy/faults/run} runs the same at any size.
 */
class FaultSuiteIT {

    @Test
    void everyFaultInTurnLosesNothingAndDoesNothingTwice() throws Exception {
        List<Reconciliation.Row> rows = FaultSuite.run(new FaultSuite.Options(48, 4, Duration.ofSeconds(10),
                Duration.ofSeconds(15), Duration.ofMinutes(4)), System.out);
        System.out.print(FaultSuite.table(rows));

        assertThat(rows).extracting(Reconciliation.Row::fault).containsExactly("service-killed", "kafka-stopped",
                "engine-restarted-empty", "smtp-refusing", "postgres-restarted", "process-cancelled");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.problems()).as(row.fault()).isEmpty();
            assertThat(row.missing()).as(row.fault() + ": missing").isZero();
            assertThat(row.duplicates()).as(row.fault() + ": duplicates").isZero();
            // Each fault's complaints lapse while it is checked: the reconciliation has lapses to count.
            assertThat(row.lapsesAlerted()).as(row.fault() + ": lapses alerted").isEqualTo(row.lapsesDue())
                    .isGreaterThanOrEqualTo(row.complaints());
        });
        assertThat(rows.getLast().complaints()).isEqualTo(48);
    }
}
