package uk.redress.complaint.core;

/** What can be done to a complaint: one per command. Which are allowed depends on its state (see the decider). */
public enum Action {
    ACKNOWLEDGE,
    DECIDE_STAGE,
    COMPLETE_STEP,
    RESPOND,
    ESCALATE,
    EXTEND,
    WITHDRAW,
    REQUEST_INFORMATION,
    RECORD_INFORMATION_RECEIVED,
    MOVE_TO_CURRENT_VERSION,
    CLOSE,
    REFER_TO_OMBUDSMAN,
    RECORD_OMBUDSMAN_DECISION
}
