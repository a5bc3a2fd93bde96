package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import uk.redress.complaint.lock.InstanceLock;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.process.BpmnGenerator;

/**
 * Deploys every procedure's BPMN process when the service starts, unless a newer release's are deployed already
 * (see {@link DeployedRelease}), retrying until the engine takes them: the service is not ready before that, because a
 * complaint could not start its process.
 */
@ApplicationScoped
public class ProcessDeployment {

    private static final Logger LOG = Logger.getLogger(ProcessDeployment.class);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(2);

    private final CamundaClient engine;
    private final Map<String, String> processes;
    private final Pool database;
    private final Release release;
    private final boolean rollBack;
    private final AtomicBoolean inPlace = new AtomicBoolean();
    private volatile Thread deployer;

    public ProcessDeployment(CamundaClient engine, ProcedurePolicies procedures, Pool database,
                             @ConfigProperty(name = "quarkus.application.version") String release,
                             @ConfigProperty(name = "redress.processes.roll-back") boolean rollBack) {
        this.engine = engine;
        this.processes = BpmnGenerator.everyProcess(procedures);
        this.database = database;
        this.release = Release.of(release);
        this.rollBack = rollBack;
    }

    void onStart(@Observes StartupEvent event) {
        deployer = Thread.ofVirtual().name("process-deployment").start(this::deployUntilDone);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (deployer != null) {
            deployer.interrupt();
        }
    }

    /** Whether the engine has the processes new complaints start on: this release's, or a newer one's. */
    public boolean isInPlace() {
        return inPlace.get();
    }

    private void deployUntilDone() {
        int attempt = 1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                atStart().await().indefinitely();
                inPlace.set(true);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Could not deploy the processes (attempt %d), retrying in %d s: %s", attempt++,
                        RETRY_EVERY.toSeconds(), e.getMessage());
            }
            try {
                Thread.sleep(RETRY_EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Holds the engine's lock, so that the recovery cannot restore processes in between. */
    Uni<Void> atStart() {
        return database.withTransaction(connection -> InstanceLock.ENGINE.takeFor(connection)
                .chain(() -> deployed(connection))
                .chain(deployed -> {
                    if (!DeployedRelease.deploysAtStart(release, deployed, rollBack)) {
                        LOG.infof("Release %s's processes stay deployed: this instance runs the older release %s "
                                + "(set REDRESS_PROCESSES_ROLL_BACK=true to deploy its processes over them)",
                                deployed.orElseThrow().release(), release);
                        return Uni.createFrom().voidItem();
                    }
                    return deploy().chain(() -> record(connection, DeployedRelease.deployedAtStart(release, deployed)))
                            .invoke(() -> LOG.infof("Deployed release %s's processes %s%s", release,
                                    processes.keySet(), rollBack ? " (a roll-back)" : ""));
                }));
    }

    /**
     * After the engine lost its state: this release's processes, the only ones this instance has. Called holding the
     * engine's lock.
     */
    Uni<Void> restoreAfterLoss(SqlConnection connection) {
        return deployed(connection).chain(deployed -> deploy()
                .chain(() -> record(connection, DeployedRelease.restoredAfterLoss(release, deployed))));
    }

    /**
     * This release's processes again, if an older release's were restored after the engine lost its state. Called
     * holding the engine's lock.
     */
    Uni<Void> putBackOverOlder(SqlConnection connection) {
        return deployed(connection).chain(deployed -> {
            if (!DeployedRelease.putsBack(release, deployed)) {
                return Uni.createFrom().voidItem();
            }
            LOG.warnf("Release %s's processes were restored after the engine lost its state; putting back this "
                    + "newer release %s's", deployed.orElseThrow().release(), release);
            return deploy().chain(() -> record(connection, DeployedRelease.restoredAfterLoss(release, deployed)));
        });
    }

    /**
     * Every procedure's process, generated from its policy file; the engine keeps a process identical to its latest
     * version as it is.
     */
    Uni<Void> deploy() {
        return Uni.createFrom().completionStage(() -> {
            DeployResourceCommandStep1 command = engine.newDeployResourceCommand();
            DeployResourceCommandStep2 resources = null;
            for (Map.Entry<String, String> process : processes.entrySet()) {
                resources = resources == null ? command.addResourceStringUtf8(process.getValue(), process.getKey())
                        : resources.addResourceStringUtf8(process.getValue(), process.getKey());
            }
            return resources.send();
        }).replaceWithVoid();
    }

    private static Uni<Optional<DeployedRelease>> deployed(SqlConnection connection) {
        return connection.query("SELECT release, restored_after_loss, withdrawn_up_to FROM process_release "
                        + "WHERE id = 1").execute()
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
                        .map(row -> new DeployedRelease(Release.of(row.getString(0)), row.getBoolean(1),
                                Optional.ofNullable(row.getString(2)).map(Release::of))));
    }

    private static Uni<Void> record(SqlConnection connection, DeployedRelease deployed) {
        return connection.preparedQuery("INSERT INTO process_release (id, release, restored_after_loss, "
                        + "withdrawn_up_to, deployed_at) VALUES (1, $1, $2, $3, now()) ON CONFLICT (id) DO UPDATE SET "
                        + "release = excluded.release, restored_after_loss = excluded.restored_after_loss, "
                        + "withdrawn_up_to = excluded.withdrawn_up_to, deployed_at = excluded.deployed_at")
                .execute(Tuple.of(deployed.release().name(), deployed.restoredAfterLoss(),
                        deployed.withdrawnUpTo().map(Release::name).orElse(null)))
                .replaceWithVoid();
    }
}
