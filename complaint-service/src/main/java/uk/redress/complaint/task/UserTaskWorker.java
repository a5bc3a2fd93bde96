package uk.redress.complaint.task;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;
import uk.redress.complaint.metrics.ComplaintMetrics;
import uk.redress.workflow.process.ComplaintProcesses.JobTypes;
import uk.redress.workflow.process.ComplaintProcesses.Variables;
import uk.redress.workflow.tracing.LogFields;
import uk.redress.workflow.tracing.Spans;
import uk.redress.workflow.tracing.TraceParent;

/**
 * Takes the engine's user task jobs and notes each on its task. It never completes them: the step's event, recorded
 * through the one write path, publishes the message that ends the user task, whether the step was recorded in the
 * tasklist or through the API. A job offered again (after its timeout) finds its task already noted.
 */
@ApplicationScoped
public class UserTaskWorker {

    private static final Logger LOG = Logger.getLogger(UserTaskWorker.class);
    /** A user task waits for people for weeks; the engine offers it again only after this. */
    public static final Duration HELD_FOR = Duration.ofDays(30);
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final CamundaClient engine;
    private final ComplaintMetrics metrics;
    private final TaskStore tasks;
    private final Clock clock;
    private final Spans spans;
    private JobWorker worker;

    public UserTaskWorker(CamundaClient engine, TaskStore tasks, Clock clock, ComplaintMetrics metrics, Spans spans) {
        this.spans = spans;
        this.metrics = metrics;
        this.engine = engine;
        this.tasks = tasks;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        worker = engine.newWorker()
                .jobType(JobTypes.USER_TASK)
                .handler(this::handle)
                .name("complaint-service-tasklist")
                .timeout(HELD_FOR)
                // Polled, not streamed: a job pushed to the stream of an instance that was just killed stayed taken
                // (seen on the local engine), and a user task job is taken for 30 days. Long polling hands a job over
                // as soon as it is there all the same.
                .streamEnabled(false)
                .open();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.close();
        }
    }

    /**
     * Notes the job on the complaint's task. A job without a usable complaint id is a fault of the model, which no
     * retry mends: its exception uses up the job's retries, the last one an incident for a person to look at. A failure
     * to note it (the database or the engine's clock away for a moment) is tried again after {@link #RETRY_AFTER}
     * without using them up.
     */
    void handle(JobClient jobs, ActivatedJob job) {
        metrics.job(job.getType(), "activated");
        Object variable = job.getVariablesAsMap().get(Variables.COMPLAINT_ID);
        if (variable == null) {
            LOG.warnf("User task job %d of %s has no complaint id; left to the engine", job.getKey(),
                    job.getElementId());
            return;
        }
        UUID complaintId = UUID.fromString(variable.toString());
        // Continues the trace of the event that brought the process here (see ProcessDispatcher).
        Span span = spans.start("job " + job.getType(), SpanKind.CONSUMER,
                TraceParent.parse(job.getVariablesAsMap().get(Variables.TRACE_PARENT)), complaintId.toString());
        LogFields.name(complaintId.toString(), span);
        try (Scope ignored = span.makeCurrent()) {
            note(job, complaintId);
            metrics.job(job.getType(), "handled");
            span.end();
        } catch (RuntimeException e) {
            metrics.job(job.getType(), "failed");
            Spans.fail(span, e);
            LOG.warnf("User task job %d of %s could not be noted; tried again in %s: %s", job.getKey(),
                    job.getElementId(), RETRY_AFTER, e.getMessage());
            jobs.newFailCommand(job).retries(job.getRetries()).retryBackoff(RETRY_AFTER)
                    .errorMessage(String.valueOf(e.getMessage())).send().join();
        } finally {
            LogFields.clear();
        }
    }

    private void note(ActivatedJob job, UUID complaintId) {
        UUID taskId = PendingTask.taskId(complaintId, job.getElementId());
        boolean noted = tasks.recordJob(taskId, job.getKey(), job.getProcessInstanceKey(), clock.instant())
                .await().atMost(Duration.ofSeconds(30));
        if (!noted) {
            LOG.debugf("User task %s of complaint %s is not open in the tasklist (done already, or not a step)",
                    job.getElementId(), complaintId);
            // The instance is somewhere the complaint is not: should the open step's job be gone or never come, the
            // process repair cancels this instance before it starts the complaint's process again.
            tasks.recordInstanceElsewhere(complaintId, job.getProcessInstanceKey())
                    .await().atMost(Duration.ofSeconds(30));
        }
    }
}
