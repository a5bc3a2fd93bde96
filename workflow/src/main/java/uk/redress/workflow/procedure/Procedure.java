package uk.redress.workflow.procedure;

import uk.redress.workflow.calendar.Region;

/**
 * A complaints procedure, as the organisation that runs it wrote it down. Its id is also the id of its BPMN process.
 *
 * @param id                           for example {@code durham-sendiass}
 * @param name                         what complainants and staff call it
 * @param region                       the nation whose bank holidays its working days skip
 * @param acknowledgeWithinWorkingDays the stage 1 acknowledgement window, counted from receipt
 */
public record Procedure(String id, String name, Region region, int acknowledgeWithinWorkingDays) {
}
