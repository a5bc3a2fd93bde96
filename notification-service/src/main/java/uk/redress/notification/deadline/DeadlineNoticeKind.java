package uk.redress.notification.deadline;

import uk.redress.workflow.process.ComplaintProcesses.JobTypes;

/** The three timer-driven notices, each the work of one job type. */
public enum DeadlineNoticeKind {
    /** A deadline is near: the stage's group is reminded. */
    REMINDER("deadline-reminder", JobTypes.NOTIFY_DEADLINE_REMINDER),
    /** A deadline lapsed: the stage's group is alerted. */
    LAPSED("deadline-lapsed", JobTypes.NOTIFY_DEADLINE_LAPSED),
    /** A deadline is still lapsed: the stage's group and the managers hear again. */
    ESCALATION("deadline-escalation", JobTypes.NOTIFY_DEADLINE_ESCALATION);

    private final String id;
    private final String jobType;

    DeadlineNoticeKind(String id, String jobType) {
        this.id = id;
        this.jobType = jobType;
    }

    /** As written in the sent-log, the alert's {@code kind} and the CloudEvent type. */
    public String id() {
        return id;
    }

    public String jobType() {
        return jobType;
    }
}
