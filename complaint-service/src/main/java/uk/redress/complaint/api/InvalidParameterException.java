package uk.redress.complaint.api;

/** A query or path parameter broke a rule: answered 400, naming the parameter and the rule. */
public final class InvalidParameterException extends RuntimeException {

    private final String parameter;
    private final String rule;

    public InvalidParameterException(String parameter, String rule) {
        super(parameter + " " + rule);
        this.parameter = parameter;
        this.rule = rule;
    }

    public String parameter() {
        return parameter;
    }

    public String rule() {
        return rule;
    }
}
