package uk.redress.notification.lapse;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;

/** Works the engine's lapse notification jobs: reads the job, alerts, completes it. */
@ApplicationScoped
public class DeadlineLapsedWorker {

    private static final Logger LOG = Logger.getLogger(DeadlineLapsedWorker.class);
    /** SMTP or Kafka may be down for a while; the engine offers the job again after this. */
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(10);

    private final CamundaClient engine;
    private final LapseAlertService alerts;
    private JobWorker worker;

    public DeadlineLapsedWorker(CamundaClient engine, LapseAlertService alerts) {
        this.engine = engine;
        this.alerts = alerts;
    }

    void onStart(@Observes StartupEvent event) {
        worker = engine.newWorker()
                .jobType(JobTypes.NOTIFY_DEADLINE_LAPSED)
                .handler(this::handle)
                .name("notification-service")
                .timeout(Duration.ofMinutes(2))
                .streamEnabled(true)
                .open();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.close();
        }
    }

    void handle(JobClient jobs, ActivatedJob job) {
        DeadlineLapse lapse;
        try {
            lapse = DeadlineLapse.fromVariables(job.getVariablesAsMap());
            alerts.alert(lapse);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Lapse alert for job %d failed; %d retries left", job.getKey(), job.getRetries() - 1);
            jobs.newFailCommand(job)
                    .retries(job.getRetries() - 1)
                    .retryBackoff(RETRY_BACKOFF)
                    .errorMessage(String.valueOf(e.getMessage()))
                    .send()
                    .join();
            return;
        }
        jobs.newCompleteCommand(job).send().join();
        LOG.infof("Alerted that the %s of complaint %s lapsed (due %s)", lapse.clockName(), lapse.complaintId(),
                lapse.dueDate());
    }
}
