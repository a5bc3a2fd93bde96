package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import uk.redress.workflow.process.ComplaintProcesses;

/**
 * Deploys every procedure's BPMN process when the service starts, retrying until the engine takes them: the service
 * is not ready before that, because a complaint could not start its process.
 */
@ApplicationScoped
public class ProcessDeployment {

    private static final Logger LOG = Logger.getLogger(ProcessDeployment.class);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(2);

    private final CamundaClient engine;
    private final AtomicBoolean deployed = new AtomicBoolean();
    private volatile Thread deployer;

    public ProcessDeployment(CamundaClient engine) {
        this.engine = engine;
    }

    void onStart(@Observes StartupEvent event) {
        deployer = Thread.ofVirtual().name("process-deployment").start(this::deployUntilDone);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (deployer != null) {
            deployer.interrupt();
        }
    }

    public boolean isDeployed() {
        return deployed.get();
    }

    private void deployUntilDone() {
        int attempt = 1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                deployAll();
                deployed.set(true);
                LOG.infof("Deployed the processes %s", ComplaintProcesses.BPMN_RESOURCES);
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

    private void deployAll() {
        deploy().await().indefinitely();
    }

    /** Every procedure's process; an engine that has them already keeps them as they are. */
    public Uni<Void> deploy() {
        return Uni.createFrom().completionStage(() -> {
            DeployResourceCommandStep1 command = engine.newDeployResourceCommand();
            DeployResourceCommandStep2 resources = null;
            for (String resource : ComplaintProcesses.BPMN_RESOURCES) {
                resources = resources == null ? command.addResourceFromClasspath(resource)
                        : resources.addResourceFromClasspath(resource);
            }
            return resources.send();
        }).replaceWithVoid();
    }
}
