package uk.redress.workflow.procedure;

import java.util.List;
import java.util.Optional;

/**
 * Something a person does in a stage: a BPMN user task.
 *
 * @param meets   the clock this step stops when it is done; absent for a step without its own deadline
 * @param choices for a decision, the options (for example mediation or investigation)
 */
public record Step(String id, String name, Optional<String> meets, List<String> choices) {

    public Step {
        meets = meets == null ? Optional.empty() : meets;
        choices = choices == null ? List.of() : List.copyOf(choices);
    }
}
