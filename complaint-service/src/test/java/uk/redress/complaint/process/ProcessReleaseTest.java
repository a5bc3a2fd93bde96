package uk.redress.complaint.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.redress.testing.LocalStackTestResource;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.procedure.ProcedureVersionStore;
import uk.redress.workflow.process.BpmnGenerator;
import uk.redress.workflow.process.ComplaintProcesses;

/**
 * A rolling update on a real engine: while a newer release's processes are the latest versions, an instance of this
 * (older) release that restarts leaves them in place, so new complaints keep starting on the newer procedure; after
 * the engine lost its state and an older instance restored its own, this release puts its own back; a roll-back
 * deploys over a newer release, which then stays withdrawn.
 *
 * <p>Which content is the engine's latest version is read the way the engine itself decides it: a resource identical
 * to a process's latest version deploys as that version, anything else as a new one.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class ProcessReleaseTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROCEDURE = ComplaintProcesses.DURHAM_SENDIASS;

    @Inject
    CamundaClient engine;

    @Inject
    Pool database;

    @Inject
    ProcessDeployment deployment;

    @Inject
    ProcedureVersions versions;

    @Inject
    ProcedureVersionStore versionStore;

    @Inject
    ProcessKeys processKeys;

    @ConfigProperty(name = "quarkus.application.version")
    String release;

    @AfterEach
    void thisReleaseDeployedAgain() {
        database.query("DELETE FROM process_release").execute().await().atMost(WAIT);
        restarted(release, false).atStart().await().atMost(WAIT);
    }

    @Test
    void anOlderInstanceRestartingLeavesTheNewerReleasesProcessesInPlace() {
        await().atMost(WAIT).until(deployment::isInPlace);
        String newer = thisReleasesProcess() + "<!-- release 99.0.0 -->";
        int newerVersion = deployAsNewerRelease("99.0.0", newer);

        restarted(release, false).atStart().await().atMost(WAIT);

        assertThat(deployedVersionOf(newer)).as("the newer release's process is still the latest")
                .isEqualTo(newerVersion);
        assertThat(recorded().getString("release")).isEqualTo("99.0.0");
    }

    @Test
    void aRollBackDeploysThisReleasesProcessesOverANewerReleases() {
        await().atMost(WAIT).until(deployment::isInPlace);
        int newerVersion = deployAsNewerRelease("99.0.0", thisReleasesProcess() + "<!-- release 99.0.0 -->");

        restarted(release, true).atStart().await().atMost(WAIT);

        assertThat(deployedVersionOf(thisReleasesProcess())).as("this release's process is the latest again")
                .isEqualTo(newerVersion + 1);
        assertThat(recorded().getString("release")).isEqualTo(release);
        assertThat(recorded().getString("withdrawn_up_to")).isEqualTo("99.0.0");

        // An instance of the release rolled back from, still restarting, leaves the roll-back in place.
        restarted("99.0.0", false).atStart().await().atMost(WAIT);
        assertThat(recorded().getString("release")).isEqualTo(release);
    }

    @Test
    void aNewerReleasePutsItsProcessesBackOverAnOlderReleasesRestoredAfterALoss() {
        await().atMost(WAIT).until(deployment::isInPlace);
        String older = thisReleasesProcess() + "<!-- release 0.0.1 -->";
        int olderVersion = deploy(older);
        database.preparedQuery("UPDATE process_release SET release = '0.0.1', restored_after_loss = true")
                .execute().await().atMost(WAIT);

        database.withTransaction(deployment::putBackOverOlder).await().atMost(WAIT);

        assertThat(deployedVersionOf(thisReleasesProcess())).isEqualTo(olderVersion + 1);
        assertThat(recorded().getString("release")).isEqualTo(release);

        // Put back once: the next check finds this release in place and leaves it.
        database.withTransaction(deployment::putBackOverOlder).await().atMost(WAIT);
        assertThat(deployedVersionOf(older)).as("the older process deploys as a new version, so it was not the latest")
                .isEqualTo(olderVersion + 2);
    }

    /** An instance of {@code release} starting; nothing else of it runs. */
    private ProcessDeployment restarted(String release, boolean rollBack) {
        return new ProcessDeployment(engine, versions, versionStore, processKeys, database, release, rollBack);
    }

    /** What a newer release's instance does at start: deploys its own process, records its release. */
    private int deployAsNewerRelease(String newerRelease, String process) {
        int version = deploy(process);
        database.preparedQuery("UPDATE process_release SET release = $1, restored_after_loss = false")
                .execute(Tuple.of(newerRelease)).await().atMost(WAIT);
        return version;
    }

    /** Deploys {@code process} and answers the version the engine gave it: its latest's when identical to it. */
    private int deployedVersionOf(String process) {
        return deploy(process);
    }

    private int deploy(String process) {
        return engine.newDeployResourceCommand().addResourceStringUtf8(process, BpmnGenerator.resourceName(PROCEDURE))
                .send().join()
                .getProcesses().getFirst().getVersion();
    }

    private Row recorded() {
        return database.query("SELECT release, restored_after_loss, withdrawn_up_to FROM process_release").execute()
                .await().atMost(WAIT).iterator().next();
    }

    private String thisReleasesProcess() {
        return BpmnGenerator.bpmnXml(versions.current(PROCEDURE).orElseThrow(), versions.files().informalResolution());
    }
}
