package uk.redress.workflow.process;

import java.util.List;

/**
 * What the BPMN processes and the services that drive them agree on: process ids, job types and variable names.
 * The BPMN files under {@code bpmn/} use exactly these strings.
 */
public final class ComplaintProcesses {

    /** The Durham SENDIASS complaints procedure (seed 004). */
    public static final String DURHAM_SENDIASS = "durham-sendiass";

    /** Every process the complaint service deploys, as classpath resources of this module. */
    public static final List<String> BPMN_RESOURCES = List.of("bpmn/durham-sendiass.bpmn");

    private ComplaintProcesses() {
    }

    /** Job types of the service tasks, each worked by one job worker. */
    public static final class JobTypes {
        /** Job-worker user tasks: a person's step, worked in the tasklist. */
        public static final String USER_TASK = "io.camunda.zeebe:userTask";
        /** A deadline has lapsed: alert the caseworker. */
        public static final String NOTIFY_DEADLINE_LAPSED = "notify-deadline-lapsed";

        private JobTypes() {
        }
    }

    /** Process variables. */
    public static final class Variables {
        public static final String COMPLAINT_ID = "complaintId";
        public static final String SUMMARY = "summary";
        /** Due date (ISO date) of the acknowledgement, as told to the complainant. */
        public static final String ACKNOWLEDGEMENT_DUE_DATE = "acknowledgementDueDate";
        /** Instant (ISO 8601) at which the acknowledgement timer fires. */
        public static final String ACKNOWLEDGEMENT_LAPSES_AT = "acknowledgementLapsesAt";
        /** Input of a lapse notification: which clock lapsed, for example {@code acknowledgement}. */
        public static final String CLOCK = "clock";
        /** Input of a lapse notification: the due date (ISO date) that was missed. */
        public static final String DUE_DATE = "dueDate";

        private Variables() {
        }
    }
}
