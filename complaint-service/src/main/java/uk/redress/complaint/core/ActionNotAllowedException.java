package uk.redress.complaint.core;

import java.util.List;

/** An action the complaint's current state does not allow: answered 409, naming the state and what is allowed. */
public final class ActionNotAllowedException extends RuntimeException {

    private final String state;
    private final List<String> allowedActions;

    public ActionNotAllowedException(String action, String state, List<String> allowedActions) {
        super(action + " is not allowed while the complaint is " + state + "; allowed now: "
                + (allowedActions.isEmpty() ? "nothing" : String.join(", ", allowedActions)));
        this.state = state;
        this.allowedActions = List.copyOf(allowedActions);
    }

    public String state() {
        return state;
    }

    public List<String> allowedActions() {
        return allowedActions;
    }
}
