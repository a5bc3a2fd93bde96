package uk.redress.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A council's own procedure, written here and not shipped, in a shape no shipped one has: three stages, a month to ask
 * for the second, a review panel last that decides within 42 calendar days, response clocks that stop while the
 * complainant is asked for information, and a cut-off at 16:00. The services' tests share it.
 */
public final class CouncilPolicy {

    public static final String ID = "walsall-corporate";

    public static final String YAML = """
            id: walsall-corporate
            name: Walsall corporate complaints procedure
            source: written in the tests (CouncilPolicy)
            calendar: england-and-wales
            cutOff: "16:00"
            eligibility:
              eventsWithinMonths: 12
            stages:
              - id: stage-1
                name: Stage 1 response from the service
                handledBy: caseworker
                steps:
                  - id: acknowledge
                    name: Acknowledge the complaint
                    meets: stage1Acknowledgement
                  - id: respond
                    name: Send the stage 1 response
                    meets: stage1Response
                clocks:
                  - id: stage1Acknowledgement
                    name: stage 1 acknowledgement
                    startsAt: stage-start
                    workingDays: 3
                    escalateEveryWorkingDays: 5
                  - id: stage1Response
                    name: stage 1 response
                    startsAt: stage-start
                    workingDays: 15
                    remindBeforeWorkingDays: [3]
                    escalateEveryWorkingDays: 5
                    pausesForInformation: true
                    extension:
                      reasonRequired: true
              - id: stage-2
                name: Stage 2 review by the complaints team
                handledBy: complaints-officer
                request:
                  withinMonths: 1
                steps:
                  - id: review
                    name: Review and send the stage 2 response
                    meets: stage2Response
                clocks:
                  - id: stage2Response
                    name: stage 2 response
                    startsAt: stage-start
                    workingDays: 20
                    remindBeforeWorkingDays: [5]
                    escalateEveryWorkingDays: 5
                    pausesForInformation: true
              - id: stage-3
                name: Stage 3 review panel
                handledBy: manager
                request:
                  withinWorkingDays: 20
                steps:
                  - id: panel
                    name: Hold the review panel and send its decision
                    meets: stage3Response
                clocks:
                  - id: stage3Response
                    name: stage 3 panel decision
                    startsAt: stage-start
                    calendarDays: 42
                    remindBeforeWorkingDays: [5]
                    escalateEveryWorkingDays: 5
                signpostOmbudsman: true
                final: true
            """;

    private CouncilPolicy() {
    }

    /** A new procedures folder holding the council's file, as a council would give the service. */
    public static Path folder() {
        try {
            Path folder = Files.createTempDirectory("council-procedures");
            Files.writeString(folder.resolve(ID + ".yaml"), YAML);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
