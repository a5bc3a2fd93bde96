package uk.redress.complaint.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A request's parameters checked together, so that one answer names every broken one rather than the first: each
 * parameter is read through {@link #read}, which keeps what it refused and gives a stand-in value so the rest can be
 * read; {@link #refuseIfAnyBroken} then refuses the request if any was.
 */
final class ParameterChecks {

    private final List<Problem.FieldError> broken = new ArrayList<>();

    /** The parameter read, or {@code standIn} when it broke its rule, which is kept to be refused. */
    <T> T read(Supplier<T> parameter, T standIn) {
        try {
            return parameter.get();
        } catch (InvalidParameterException e) {
            broken.addAll(e.errors());
            return standIn;
        }
    }

    /** Keeps a rule broken by parameters read together (one date before another), to be refused. */
    void broken(String parameter, String rule) {
        broken.add(new Problem.FieldError(parameter, rule));
    }

    /** Throws {@link InvalidParameterException}, naming every broken parameter, if any was. */
    void refuseIfAnyBroken() {
        if (!broken.isEmpty()) {
            throw new InvalidParameterException(broken);
        }
    }
}
