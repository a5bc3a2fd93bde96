package uk.redress.workflow.procedure;

/**
 * A complaints procedure, as the organisation that runs it wrote it down. Its id is also the id of its BPMN process.
 *
 * @param id                           for example {@code durham-sendiass}
 * @param name                         what complainants and staff call it
 * @param acknowledgeWithinWorkingDays the stage 1 acknowledgement window, counted from receipt
 */
public record Procedure(String id, String name, int acknowledgeWithinWorkingDays) {
}
