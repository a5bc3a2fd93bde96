package uk.redress.complaint.api;

import java.util.List;

/**
 * Query, path or header parameters broke their rules: answered 400, naming each parameter and its rule (a request's
 * parameters are checked together, see {@link ParameterChecks}).
 */
public final class InvalidParameterException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidParameterException(String parameter, String rule) {
        this(List.of(new Problem.FieldError(parameter, rule)));
    }

    InvalidParameterException(List<Problem.FieldError> errors) {
        super(String.join("; ", errors.stream().map(error -> error.field() + " " + error.rule()).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
