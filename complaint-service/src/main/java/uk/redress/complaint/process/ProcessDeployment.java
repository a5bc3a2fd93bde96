package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import uk.redress.complaint.lock.InstanceLock;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.procedure.ProcedureVersionStore;
import uk.redress.workflow.procedure.ProcedurePolicy;
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
    private final ProcedureVersions versions;
    private final ProcedureVersionStore versionStore;
    private final ProcessKeys processKeys;
    private final Pool database;
    private final Release release;
    private final boolean rollBack;
    private final AtomicBoolean inPlace = new AtomicBoolean();
    private volatile Thread deployer;

    public ProcessDeployment(CamundaClient engine, ProcedureVersions versions, ProcedureVersionStore versionStore,
                             ProcessKeys processKeys, Pool database,
                             @ConfigProperty(name = "quarkus.application.version") String release,
                             @ConfigProperty(name = "redress.processes.roll-back") boolean rollBack) {
        this.engine = engine;
        this.versions = versions;
        this.versionStore = versionStore;
        this.processKeys = processKeys;
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
                if (Thread.currentThread().isInterrupted()) {
                    // The service is stopping (onStop interrupts the wait): nothing to retry, and no engine at fault.
                    LOG.info("The service stopped before its processes were deployed; its next start deploys them");
                    return;
                }
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
        Uni<Void> knownKeys = versionStore.processKeys().invoke(keys -> keys.forEach((procedure, byVersion) ->
                byVersion.forEach((version, key) -> processKeys.deployed(procedure, version, key)))).replaceWithVoid();
        return knownKeys.chain(() -> database.withTransaction(connection -> InstanceLock.ENGINE.takeFor(connection)
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
                                    versions.ids(), rollBack ? " (a roll-back)" : ""));
                })));
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
     * Every procedure's process at its current version, generated from its policy, a withdrawn procedure's too (its
     * open complaints run on, also on an engine that lost its state); the engine keeps a process identical to its
     * latest version as it is. Where the engine has each is recorded, for the complaints that stay on that version
     * once a newer one is current.
     */
    public Uni<Void> deploy() {
        Map<String, Integer> deployedVersions = new HashMap<>();
        // Generating the processes takes a second or more: on a worker thread, never on the event loop.
        return Uni.createFrom().item(() -> {
            DeployResourceCommandStep1 command = engine.newDeployResourceCommand();
            DeployResourceCommandStep2 resources = null;
            for (String id : versions.ids()) {
                ProcedurePolicy procedure = versions.current(id).orElseThrow();
                deployedVersions.put(id, versions.currentVersion(id).orElseThrow());
                String xml = BpmnGenerator.bpmnXml(procedure, versions.files().informalResolution());
                String name = BpmnGenerator.resourceName(id);
                resources = resources == null ? command.addResourceStringUtf8(xml, name)
                        : resources.addResourceStringUtf8(xml, name);
            }
            return resources;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(resources -> Uni.createFrom().completionStage(resources.send()))
                .chain(deployment -> Multi.createFrom().iterable(deployment.getProcesses())
                        .onItem().transformToUniAndConcatenate(process -> {
                            int version = deployedVersions.get(process.getBpmnProcessId());
                            processKeys.deployed(process.getBpmnProcessId(), version,
                                    process.getProcessDefinitionKey());
                            return versionStore.deployed(process.getBpmnProcessId(), version,
                                    process.getProcessDefinitionKey());
                        })
                        .collect().last()
                        .replaceWithVoid());
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
