package uk.redress.notification.deadline;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.FinalCommandStep;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.redress.notification.NotificationMetrics;
import uk.redress.notification.sentlog.Backoff;
import uk.redress.workflow.process.ComplaintProcesses.Variables;
import uk.redress.workflow.tracing.LogFields;
import uk.redress.workflow.tracing.Spans;
import uk.redress.workflow.tracing.TraceParent;

/**
 * Works the engine's reminder, lapse and escalation jobs: reads the notice, has it recorded, completes the job. A
 * notice overtaken by the time its job comes (see {@link DeadlineNotice#overtakenAt}) is completed unsent, logged and
 * counted.
 *
 * <p>The job completes once the notice is in the sent-log, not once the mail is out: an SMTP outage is the
 * sent-log's to wait out (it retries with backoff until the server is back), so the engine never burns the task's
 * retries on it nor raises an incident. The job fails only when the sent-log itself cannot be written.
 *
 * <p>A job thread waits for the sent-log, not for the engine's answer to the completion (nor to a failure). When many deadlines fall at
 * once the engine's log holds their timers' triggers ahead of every completion: a thread waiting for that answer left
 * the jobs already handed out unworked, and failed its job when the answer outwaited the client's ten seconds, using
 * up one of the job's retries for a notice already recorded (deploy/benchmark's README). If the engine does not take
 * a completion, a job still open comes back after its timeout, and its notice, already in the sent-log, is not sent
 * again.
 */
@ApplicationScoped
public class DeadlineNoticeWorkers {

    private static final Logger LOG = Logger.getLogger(DeadlineNoticeWorkers.class);
    /** The BPMN gives each task 10 retries: with this they span about an hour of database outage. */
    private static final Backoff RETRY_BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));
    private static final int TASK_RETRIES = 10;
    private static final Duration RECORD_WITHIN = Duration.ofSeconds(30);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

    private final CamundaClient engine;
    private final DeadlineNotices notices;
    private final NotificationMetrics metrics;
    private final Spans spans;
    private final Clock clock;
    private final List<JobWorker> workers = new ArrayList<>();

    public DeadlineNoticeWorkers(CamundaClient engine, DeadlineNotices notices, NotificationMetrics metrics,
                                 Spans spans, Clock clock) {
        this.spans = spans;
        this.engine = engine;
        this.notices = notices;
        this.metrics = metrics;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        for (DeadlineNoticeKind kind : DeadlineNoticeKind.values()) {
            workers.add(engine.newWorker()
                    .jobType(kind.jobType())
                    .handler((jobs, job) -> handle(kind, jobs, job))
                    .name("notification-service")
                    .timeout(JOB_TIMEOUT)
                    // The local engine answers a poll once its log reaches it, a minute and more into a burst: a poll
                    // given up before then would leave the jobs it was given to wait out their timeout unworked.
                    .requestTimeout(JOB_TIMEOUT)
                    .maxJobsActive(128)
                    .streamEnabled(true)
                    .open());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        workers.forEach(JobWorker::close);
    }

    void handle(DeadlineNoticeKind kind, JobClient jobs, ActivatedJob job) {
        metrics.job(job.getType(), "activated");
        Map<String, Object> variables = job.getVariablesAsMap();
        // Continues the trace of the event that last moved the process (see the complaint service's dispatcher).
        Object complaintId = variables.get(Variables.COMPLAINT_ID);
        Span span = spans.start("job " + job.getType(), SpanKind.CONSUMER,
                TraceParent.parse(variables.get(Variables.TRACE_PARENT)),
                complaintId == null ? null : complaintId.toString());
        LogFields.name(complaintId == null ? null : complaintId.toString(), span);
        try {
            handle(kind, jobs, job, variables, span);
        } finally {
            LogFields.clear();
        }
    }

    private void handle(DeadlineNoticeKind kind, JobClient jobs, ActivatedJob job, Map<String, Object> variables,
                        Span span) {
        DeadlineNotice notice;
        try {
            notice = DeadlineNotice.fromJob(kind, job.getBpmnProcessId(), variables, job.getCustomHeaders(),
                    TraceParent.of(span.getSpanContext()));
        } catch (RuntimeException e) {
            // A modelling error: no retry will mend it, so the engine raises an incident for a person at once.
            LOG.errorf(e, "Job %d (%s) cannot be read as a notice", job.getKey(), kind.jobType());
            answer(jobs.newFailCommand(job).retries(0).errorMessage(String.valueOf(e.getMessage())), job, "failure");
            metrics.job(job.getType(), "failed");
            Spans.fail(span, e);
            return;
        }
        Optional<String> overtaken = notice.overtakenAt(clock.instant());
        if (overtaken.isPresent()) {
            LOG.infof("The %s of the %s of complaint %s (due %s) planned for %s was not sent: %s", kind.id(),
                    notice.clockName(), notice.complaintId(), notice.dueDate(), notice.firesAt(), overtaken.get());
            metrics.overtaken(kind.id());
        } else if (!recorded(notice, jobs, job, span)) {
            return;
        }
        answer(jobs.newCompleteCommand(job), job, "completion");
        metrics.job(job.getType(), "handled");
        span.end();
    }

    /** Has the notice recorded in the sent-log; if it cannot be, fails the job for a retry after a backoff. */
    private boolean recorded(DeadlineNotice notice, JobClient jobs, ActivatedJob job, Span span) {
        try {
            notices.notify(notice).await().atMost(RECORD_WITHIN);
        } catch (RuntimeException e) {
            Duration wait = RETRY_BACKOFF.after(TASK_RETRIES - job.getRetries() + 1);
            LOG.warnf("The %s notice of complaint %s could not be recorded; %d retries left, next in %s: %s",
                    notice.kind().id(), notice.complaintId(), job.getRetries() - 1, wait, e.getMessage());
            answer(jobs.newFailCommand(job).retries(job.getRetries() - 1).retryBackoff(wait)
                    .errorMessage(String.valueOf(e.getMessage())), job, "failure");
            metrics.job(job.getType(), "failed");
            Spans.fail(span, e);
            return false;
        }
        LOG.debugf("Recorded the %s notice of the %s of complaint %s (due %s)", notice.kind().id(),
                notice.clockName(), notice.complaintId(), notice.dueDate());
        return true;
    }

    /**
     * Sends the job's completion or failure without waiting for the engine to take it (see above), whose answer is
     * worth having only as long as the job stays this worker's.
     */
    private static void answer(FinalCommandStep<?> command, ActivatedJob job, String what) {
        command.requestTimeout(JOB_TIMEOUT).send().whenComplete((taken, failure) -> {
            if (failure != null) {
                LOG.warnf("The engine did not take the %s of job %d (%s): %s. A job still open comes back after its "
                        + "timeout, and a notice already in the sent-log is not sent again.", what, job.getKey(),
                        job.getType(), failure.getMessage());
            }
        });
    }
}
