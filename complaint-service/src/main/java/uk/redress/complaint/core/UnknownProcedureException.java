package uk.redress.complaint.core;

import java.util.List;

/** A complaint names a procedure Redress does not run. */
public final class UnknownProcedureException extends RuntimeException {

    private final List<String> knownProcedures;

    public UnknownProcedureException(String procedure, List<String> knownProcedures) {
        super("procedure '" + procedure + "' is not known; known procedures: " + String.join(", ", knownProcedures));
        this.knownProcedures = List.copyOf(knownProcedures);
    }

    public List<String> knownProcedures() {
        return knownProcedures;
    }
}
