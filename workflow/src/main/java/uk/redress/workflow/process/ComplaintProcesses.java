package uk.redress.workflow.process;

/**
 * What the BPMN processes and the services that drive them agree on: process ids, job types, message names and
 * variable names. {@link BpmnGenerator} writes each procedure's process from its policy file with exactly these names.
 */
public final class ComplaintProcesses {

    /** The Durham SENDIASS complaints procedure (seed 004). */
    public static final String DURHAM_SENDIASS = "durham-sendiass";

    private ComplaintProcesses() {
    }

    /** Job types of the service tasks, each worked by one job worker. */
    public static final class JobTypes {
        /** Job-worker user tasks: a person's step, worked in the tasklist. */
        public static final String USER_TASK = "io.camunda.zeebe:userTask";
        /** A deadline is near: remind whoever holds the step. */
        public static final String NOTIFY_DEADLINE_REMINDER = "notify-deadline-reminder";
        /** A deadline has lapsed: alert the caseworker. */
        public static final String NOTIFY_DEADLINE_LAPSED = "notify-deadline-lapsed";
        /** A deadline is still lapsed: tell the manager again. */
        public static final String NOTIFY_DEADLINE_ESCALATION = "notify-deadline-escalation";

        private JobTypes() {
        }
    }

    /** Messages: what happens outside the engine, each correlated by complaint id. */
    public static final class Messages {
        public static final String COMPLAINT_WITHDRAWN = "complaint-withdrawn";
        /** The complainant is satisfied, or the organisation closes the complaint for another recorded reason. */
        public static final String COMPLAINT_CLOSED = "complaint-closed";

        private Messages() {
        }

        /**
         * Starts a complaint's process under {@code procedureId}; its correlation key is the complaint id. Named per
         * procedure because a message starts every process that has a start event for it.
         */
        public static String complaintReceived(String procedureId) {
            return "complaint-received:" + procedureId;
        }

        /** A step was recorded outside the tasklist (through the API): its user task is done. */
        public static String stepRecorded(String stageId, String stepId) {
            return "step-recorded:" + stageId + ":" + stepId;
        }

        /** A clock's due date moved; the message carries the clock's new variables. */
        public static String deadlineExtended(String clockId) {
            return "deadline-extended:" + clockId;
        }

        /** A clock stopped while the complainant is asked for information: its reminders and lapse wait. */
        public static String clockPaused(String clockId) {
            return "clock-paused:" + clockId;
        }

        /** The information came: the clock runs again; the message carries its moved variables. */
        public static String clockResumed(String clockId) {
            return "clock-resumed:" + clockId;
        }

        /** The complainant asked for the next stage; the message carries the stage's clock variables. */
        public static String stageRequested(String stageId) {
            return "stage-requested:" + stageId;
        }
    }

    /** Process variables. */
    public static final class Variables {
        public static final String COMPLAINT_ID = "complaintId";
        /** Sealed with the complainant's key (see PersonalDataCipher): the engine holds no personal data. */
        public static final String SUMMARY = "summary";
        /** Whose key seals the summary. */
        public static final String COMPLAINANT_ID = "complainantId";
        /**
         * The complaint's reference, which staff quote ({@code SEND-2026-000001}). With {@link #ORGANISATION}, what a
         * deadline's notice takes from the process rather than from the complaint's receipt on complaint-events, so
         * that it is right however soon after the start its timer fires. Absent in processes started before.
         */
        public static final String REFERENCE = "reference";
        /** The organisation the complaint is to, whose groups hear of its deadlines; absent as {@link #REFERENCE} is. */
        public static final String ORGANISATION = "organisation";
        /** {@code complaint} (the default), {@code comment} or {@code compliment}. */
        public static final String KIND = "kind";
        /** Where the procedure starts: {@code informal}, a stage id (the first by default). */
        public static final String START_AT = "startAt";
        /** Input of a notification: the id of the clock, for example {@code stage1Acknowledgement}. */
        public static final String CLOCK = "clock";
        /** Input of a notification: the clock as people call it, for example {@code stage 1 acknowledgement}. */
        public static final String CLOCK_NAME = "clockName";
        /** Input of a notification: the due date (ISO date) it is about. */
        public static final String DUE_DATE = "dueDate";
        /**
         * The W3C trace context of the event that last touched the instance: a job continues the trace of what caused
         * it (see TraceParent).
         */
        public static final String TRACE_PARENT = "traceparent";

        private Variables() {
        }

        /** The due date (ISO date) of a clock, as told to the complainant. */
        public static String dueDate(String clockId) {
            return clockId + "DueDate";
        }

        /** The instant (ISO 8601) at which a clock lapses: its breach timer. */
        public static String lapsesAt(String clockId) {
            return clockId + "LapsesAt";
        }

        /** The instants of a clock's reminders. */
        public static String remindAts(String clockId) {
            return clockId + "RemindAts";
        }

        /** The instants at which a lapsed clock is escalated again. */
        public static String escalateAts(String clockId) {
            return clockId + "EscalateAts";
        }

        /** The instant after which a stage can no longer be requested. */
        public static String requestWindowClosesAt(String stageId) {
            return camel(stageId) + "RequestWindowClosesAt";
        }
    }

    /** {@code stage-2} as {@code stage2}. */
    public static String camel(String kebab) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** {@code stage-2} or {@code stage2Response} as {@code Stage2}, {@code Stage2Response}: element ids. */
    public static String pascal(String id) {
        String camel = camel(id);
        return Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }
}
