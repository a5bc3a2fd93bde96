package uk.redress.complaint.core;

import java.util.List;

/** An action the complaint's current state does not allow: answered 409, naming the state and what is allowed. */
public final class ActionNotAllowedException extends RuntimeException {

    private final Action action;
    private final String state;
    private final List<Action> allowedActions;

    public ActionNotAllowedException(Action action, String state, List<Action> allowedActions) {
        super(action + " is not allowed while the complaint is " + state + "; allowed now: " + allowedActions);
        this.action = action;
        this.state = state;
        this.allowedActions = List.copyOf(allowedActions);
    }

    public Action action() {
        return action;
    }

    public String state() {
        return state;
    }

    public List<Action> allowedActions() {
        return allowedActions;
    }
}
