package uk.redress.complaint.core;

/** A well-formed command that breaks a rule of the procedure: answered 422, naming the field and the rule. */
public final class InvalidCommandException extends RuntimeException {

    private final String field;
    private final String rule;

    public InvalidCommandException(String field, String rule) {
        super(field + " " + rule);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
