package uk.redress.complaint.core;

import java.util.List;

/** A complaint names a procedure Redress does not run, or no longer takes new complaints under. */
public final class UnknownProcedureException extends RuntimeException {

    private final List<String> knownProcedures;

    public UnknownProcedureException(String procedure, boolean withdrawn, List<String> knownProcedures) {
        super("procedure '" + procedure + "' " + (withdrawn ? "is withdrawn (its policy file was taken away) and "
                + "takes no new complaint" : "is not known") + "; known procedures: "
                + String.join(", ", knownProcedures));
        this.knownProcedures = List.copyOf(knownProcedures);
    }

    public List<String> knownProcedures() {
        return knownProcedures;
    }
}
