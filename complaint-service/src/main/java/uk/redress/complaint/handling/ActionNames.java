package uk.redress.complaint.handling;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import uk.redress.complaint.core.Action;
import uk.redress.complaint.core.ActionNotAllowedException;

/**
 * The actions as the API names them (each is the sub-resource that records it, {@code POST
 * /api/v1/complaints/{id}/acknowledgement}), and as tasks and the tasklist name them.
 */
public enum ActionNames {
    ACKNOWLEDGEMENT(Action.ACKNOWLEDGE, "acknowledgement"),
    STAGE_DECISION(Action.DECIDE_STAGE, "stage-decision"),
    STEPS(Action.COMPLETE_STEP, "steps"),
    RESPONSE(Action.RESPOND, "response"),
    ESCALATION(Action.ESCALATE, "escalation"),
    EXTENSIONS(Action.EXTEND, "extensions"),
    WITHDRAWAL(Action.WITHDRAW, "withdrawal"),
    INFORMATION_REQUESTS(Action.REQUEST_INFORMATION, "information-requests"),
    INFORMATION_RECEIVED(Action.RECORD_INFORMATION_RECEIVED, "information-received"),
    PROCEDURE_VERSION(Action.MOVE_TO_CURRENT_VERSION, "procedure-version"),
    CLOSURE(Action.CLOSE, "closure"),
    OMBUDSMAN_REFERRAL(Action.REFER_TO_OMBUDSMAN, "ombudsman-referral"),
    OMBUDSMAN_DECISION(Action.RECORD_OMBUDSMAN_DECISION, "ombudsman-decision");

    private final Action action;
    private final String name;

    ActionNames(Action action, String name) {
        this.action = action;
        this.name = name;
    }

    /** The API's name of {@code action}. */
    public static String of(Action action) {
        return Arrays.stream(values()).filter(named -> named.action == action).findFirst().orElseThrow().name;
    }

    public static List<String> of(List<Action> actions) {
        return actions.stream().map(ActionNames::of).toList();
    }

    /** The action the API calls {@code name}; empty for a name it does not use. */
    public static Optional<Action> action(String name) {
        return Arrays.stream(values()).filter(named -> named.name.equals(name)).findFirst().map(named -> named.action);
    }

    /** Why the action was refused, in the API's words. */
    public static String refusal(ActionNotAllowedException refused) {
        List<String> allowed = of(refused.allowedActions());
        return of(refused.action()) + " is not allowed while the complaint is " + refused.state() + "; allowed now: "
                + (allowed.isEmpty() ? "nothing" : String.join(", ", allowed));
    }
}
