package uk.redress.complaint.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the engine has the processes that new complaints start. */
@Readiness
@ApplicationScoped
public class ProcessDeploymentHealthCheck implements HealthCheck {

    private final ProcessDeployment deployment;

    public ProcessDeploymentHealthCheck(ProcessDeployment deployment) {
        this.deployment = deployment;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("complaint processes deployed").status(deployment.isInPlace()).build();
    }
}
