package uk.redress.workflow.procedure;

import java.util.List;
import java.util.Optional;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.process.ComplaintProcesses;

/** The procedures Redress runs. */
public final class Procedures {

    private static final List<Procedure> ALL = List.of(
            new Procedure(ComplaintProcesses.DURHAM_SENDIASS, "Durham SENDIASS complaints procedure",
                    Region.ENGLAND_AND_WALES, 3));

    private Procedures() {
    }

    public static List<Procedure> all() {
        return ALL;
    }

    public static Optional<Procedure> find(String id) {
        return ALL.stream().filter(procedure -> procedure.id().equals(id)).findFirst();
    }
}
