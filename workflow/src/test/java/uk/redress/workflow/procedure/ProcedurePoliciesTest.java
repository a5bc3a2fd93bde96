package uk.redress.workflow.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.redress.workflow.calendar.Region;

class ProcedurePoliciesTest {

    private static final String MINIMAL = """
            id: test-procedure
            name: Test procedure
            source: a test
            calendar: scotland
            eligibility:
              eventsWithinMonths: 12
            stages:
              - id: stage-1
                name: Stage 1
                handledBy: caseworker
                steps:
                  - id: respond
                    name: Respond
                    meets: stage1Response
                clocks:
                  - id: stage1Response
                    name: stage 1 response
                    startsAt: stage-start
                    workingDays: 10
                    remindBeforeWorkingDays: [2]
                    escalateEveryWorkingDays: 5
            """;

    @Test
    void everyShippedProcedureReadsAndKeepsItsRules() {
        ProcedurePolicies policies = ProcedurePolicies.shipped();

        assertThat(policies.all()).extracting(ProcedurePolicy::id)
                .containsExactly("durham-sendiass", "lgsco-code", "children-statutory", "council-corporate");
        ProcedurePolicy lgsco = policies.find("lgsco-code").orElseThrow();
        assertThat(lgsco.clock("stage1Response").startsAfterStep()).hasValue("acknowledge");
        assertThat(lgsco.clock("stage1Response").extension().orElseThrow().maxWorkingDays()).hasValue(10);
        assertThat(policies.find("durham-sendiass").orElseThrow().stage("stage-2").request().orElseThrow()
                .withinWorkingDays()).hasValue(20);
        assertThat(policies.informalResolution().stages()).hasSize(2);
    }

    @Test
    void theLongestWaitIsAClockAtItsFurthestExtensionOrARequestWindow() throws IOException {
        ProcedurePolicies policies = ProcedurePolicies.shipped();
        // LGSCO: the stage 2 response, 20 working days, may move 20 more.
        assertThat(policies.find("lgsco-code").orElseThrow().longestWaitInWorkingDays()).isEqualTo(40);
        // Durham: a response of 20 working days whose extension has no limit counts twice.
        assertThat(policies.find("durham-sendiass").orElseThrow().longestWaitInWorkingDays()).isEqualTo(40);
        // A 10-day clock that cannot move.
        assertThat(read(MINIMAL).longestWaitInWorkingDays()).isEqualTo(10);
        String extensible = MINIMAL + """
                        extension:
                          maxWorkingDays: 3
                          reasonRequired: true
                          ombudsmanDetailsRequired: false
                """;
        assertThat(read(extensible).longestWaitInWorkingDays()).isEqualTo(13);
    }

    @Test
    void aWellFormedPolicyIsRead() throws IOException {
        ProcedurePolicy policy = read(MINIMAL);

        assertThat(policy.calendar()).isEqualTo(Region.SCOTLAND);
        assertThat(policy.clock("stage1Response").workingDays()).isEqualTo(10);
    }

    @Test
    void aClockThatNoStepMeetsIsRefused() {
        assertThatThrownBy(() -> read(MINIMAL.replace("meets: stage1Response", "meets: stage1Reply")))
                .hasMessageContaining("test.yaml breaks these rules")
                .hasMessageContaining("stages[0].steps[0].meets names no clock of this stage: stage1Reply")
                .hasMessageContaining("stages[0].clocks[0] must be met by exactly one step, was 0");
    }

    @Test
    void aClockStartingAfterAStepThatIsNotBeforeItsEndIsRefused() {
        assertThatThrownBy(() -> read(MINIMAL.replace("startsAt: stage-start", "startsAt: after:respond")))
                .hasMessageContaining("stages[0].clocks[0].startsAt must be 'stage-start' or 'after:<a step");
    }

    @Test
    void aReminderAfterTheDeadlineIsRefused() {
        assertThatThrownBy(() -> read(MINIMAL.replace("[2]", "[10]")))
                .hasMessageContaining("remindBeforeWorkingDays must each be between 1 and workingDays - 1");
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertThatThrownBy(() -> read(MINIMAL.replace("workingDays: 10", "workinDays: 10")))
                .hasMessageContaining("workinDays");
    }

    @Test
    void aCouncilsOwnPolicyFileReplacesTheShippedOne(@TempDir Path folder) throws IOException {
        String ownCorporate = new String(ProcedurePolicies.class.getClassLoader()
                .getResourceAsStream("procedures/council-corporate.yaml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("workingDays: 10", "workingDays: 20");
        Files.writeString(folder.resolve("council-corporate.yaml"), ownCorporate);

        ProcedurePolicies policies = ProcedurePolicies.withOverrides(folder);

        assertThat(policies.find("council-corporate").orElseThrow().clock("stage1Response").workingDays()).isEqualTo(20);
        assertThat(policies.find("lgsco-code").orElseThrow().clock("stage1Acknowledgement").workingDays()).isEqualTo(5);
    }

    @Test
    void aCouncilsOwnPolicyFileMayNotChangeTheShapeItsProcessFollows(@TempDir Path folder) throws IOException {
        String ownCorporate = new String(ProcedurePolicies.class.getClassLoader()
                .getResourceAsStream("procedures/council-corporate.yaml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("handledBy: caseworker", "handledBy: service-manager");
        Files.writeString(folder.resolve("council-corporate.yaml"), ownCorporate);

        assertThatThrownBy(() -> ProcedurePolicies.withOverrides(folder))
                .hasMessageContaining("changes the stages, steps or clocks")
                .hasMessageContaining("stage-1 by service-manager");
    }

    private static ProcedurePolicy read(String yaml) throws IOException {
        return ProcedurePolicies.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
