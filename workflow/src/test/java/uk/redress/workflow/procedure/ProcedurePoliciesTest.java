package uk.redress.workflow.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.procedure.PolicyFileException.Problem;

class ProcedurePoliciesTest {

    // Line numbers in the tests below count from 1 at "id:".
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

    private static final String CLOCK_FIELDS = "is not a field here; the fields here are calendarDays, "
            + "escalateEveryWorkingDays, extension, id, months, name, pausesForInformation, remindBeforeWorkingDays, "
            + "startsAt, workingDays";

    @TempDir
    Path folder;

    @Test
    void everyShippedProcedureReadsAndKeepsItsRules() {
        ProcedurePolicies policies = ProcedurePolicies.shipped();

        assertThat(policies.ids())
                .containsExactly("durham-sendiass", "lgsco-code", "children-statutory", "council-corporate");
        assertThat(policies.all()).extracting(ProcedurePolicy::id).isEqualTo(policies.ids());
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
        assertThat(readOwn(MINIMAL).longestWaitInWorkingDays()).isEqualTo(10);
        String extensible = MINIMAL + """
                        extension:
                          maxWorkingDays: 3
                          reasonRequired: true
                          ombudsmanDetailsRequired: false
                """;
        assertThat(readOwn(extensible).longestWaitInWorkingDays()).isEqualTo(13);
    }

    @Test
    void aWellFormedPolicyIsRead() throws IOException {
        ProcedurePolicy policy = readOwn(MINIMAL);

        assertThat(policy.calendar()).isEqualTo(Region.SCOTLAND);
        assertThat(policy.clock("stage1Response").workingDays()).isEqualTo(10);
    }

    @Test
    void aClockThatNoStepMeetsIsRefused() throws IOException {
        assertThat(problemsOfOwn(MINIMAL.replace("meets: stage1Response", "meets: stage1Reply"))).containsExactly(
                problem(14, "stages[0].steps[0].meets", "names no clock of this stage: stage1Reply"),
                problem(16, "stages[0].clocks[0]", "must be met by exactly one step, was 0"));
    }

    @Test
    void aClockStartingAfterAStepThatIsNotBeforeItsEndIsRefused() throws IOException {
        assertThat(problemsOfOwn(MINIMAL.replace("startsAt: stage-start", "startsAt: after:respond"))).containsExactly(
                problem(18, "stages[0].clocks[0].startsAt",
                        "must be 'stage-start' or 'after:<a step before the one that meets it>'"));
    }

    @Test
    void aReminderAfterTheDeadlineIsRefused() throws IOException {
        assertThat(problemsOfOwn(MINIMAL.replace("[2]", "[10]"))).containsExactly(problem(20,
                "stages[0].clocks[0].remindBeforeWorkingDays", "must each be between 1 and workingDays - 1"));
    }

    @Test
    void aMisspeltFieldIsNamedAndTheFieldItMeantIsMissing() throws IOException {
        // The missing workingDays is placed on its clock's line, the nearest line the file has for it.
        assertThat(problemsOfOwn(MINIMAL.replace("workingDays: 10", "workinDays: 10"))).containsExactly(
                problem(16, "stages[0].clocks[0].workingDays", "is required, a number more than 0"),
                problem(19, "stages[0].clocks[0].workinDays", CLOCK_FIELDS),
                problem(20, "stages[0].clocks[0].remindBeforeWorkingDays",
                        "must each be between 1 and workingDays - 1"));
    }

    @Test
    void aNumberLeftOutIsNamedAsRequiredAndAZeroAsTooSmall() throws IOException {
        String leftOut = MINIMAL.replace("eligibility:\n  eventsWithinMonths: 12\n", "")
                .replace("    escalateEveryWorkingDays: 5\n", "");
        assertThat(problemsOfOwn(leftOut)).containsExactly(
                problem(1, "eligibility.eventsWithinMonths", "is required, a number more than 0"),
                problem(14, "stages[0].clocks[0].escalateEveryWorkingDays", "is required, a number more than 0"));
        assertThat(problemsOfOwn(MINIMAL.replace("escalateEveryWorkingDays: 5", "escalateEveryWorkingDays: 0")))
                .containsExactly(problem(21, "stages[0].clocks[0].escalateEveryWorkingDays", "must be more than 0"));
    }

    @Test
    void valuesOfTheWrongKindAreNamedBeforeAnyRuleIsChecked() throws IOException {
        String wrongKinds = MINIMAL.replace("scotland", "scotlnd").replace("workingDays: 10", "workingDays: ten")
                .replace("escalateEveryWorkingDays: 5", "escalateEveryWorkingDays: 2.5")
                .replace("handledBy: caseworker", "handledBy: [caseworker, manager]");

        assertThat(problemsOfOwn(wrongKinds)).containsExactly(
                problem(4, "calendar",
                        "unknown region 'scotlnd'; the regions are england-and-wales, scotland, northern-ireland"),
                problem(10, "stages[0].handledBy", "must be a single value"),
                problem(19, "stages[0].clocks[0].workingDays", "must be a whole number, not ten"),
                problem(21, "stages[0].clocks[0].escalateEveryWorkingDays", "must be a whole number, not 2.5"));
    }

    @Test
    void aCouncilsOwnPolicyFileReplacesTheShippedOne() throws IOException {
        Files.writeString(folder.resolve("council-corporate.yaml"),
                shipped("council-corporate").replace("workingDays: 10", "workingDays: 20"));

        ProcedurePolicies policies = ProcedurePolicies.load(Optional.of(folder));

        assertThat(policies.find("council-corporate").orElseThrow().clock("stage1Response").workingDays())
                .isEqualTo(20);
        assertThat(policies.find("lgsco-code").orElseThrow().clock("stage1Acknowledgement").workingDays())
                .isEqualTo(5);
        assertThat(policies.ids()).isEqualTo(ProcedurePolicies.SHIPPED);
    }

    @Test
    void aCouncilsOwnPolicyFileMayChangeTheShapeOfAShippedProcedure() throws IOException {
        String threeSteps = shipped("council-corporate")
                .replace("handledBy: caseworker", "handledBy: service-manager")
                .replace("""
                              - id: respond
                                name: Send the stage 1 response
                        """, """
                              - id: acknowledge
                                name: Acknowledge the complaint
                              - id: investigate
                                name: Investigate
                              - id: respond
                                name: Send the stage 1 response
                        """);
        Files.writeString(folder.resolve("council-corporate.yaml"), threeSteps);

        Stage stageOne = ProcedurePolicies.load(Optional.of(folder)).find("council-corporate").orElseThrow()
                .stage("stage-1");

        assertThat(stageOne.handledBy()).isEqualTo("service-manager");
        assertThat(stageOne.steps()).extracting(Step::id).containsExactly("acknowledge", "investigate", "respond");
    }

    @Test
    void aNewProcedureInTheFolderIsListedAfterTheShippedOnesAndFoundById() throws IOException {
        Files.writeString(folder.resolve("walsall-corporate.yaml"), MINIMAL.replace("test-procedure",
                "walsall-corporate"));
        Files.writeString(folder.resolve("bromley-send.yaml"), MINIMAL.replace("test-procedure", "bromley-send"));
        Files.writeString(folder.resolve("README.md"), "Not a policy file: only *.yaml files are read.");

        ProcedurePolicies policies = ProcedurePolicies.load(Optional.of(folder));

        assertThat(policies.ids()).containsExactly("durham-sendiass", "lgsco-code", "children-statutory",
                "council-corporate", "bromley-send", "walsall-corporate");
        assertThat(policies.all()).extracting(ProcedurePolicy::id).isEqualTo(policies.ids());
        assertThat(policies.find("walsall-corporate").orElseThrow().calendar()).isEqualTo(Region.SCOTLAND);
        assertThat(policies.find("lgsco-code")).isPresent();
    }

    @Test
    void aCouncilsOwnInformalFrontReplacesTheShippedOne() throws IOException {
        Files.writeString(folder.resolve("informal-resolution.yaml"), shipped("informal-resolution")
                .replace("workingDays: 10", "workingDays: 15"));

        ProcedurePolicies policies = ProcedurePolicies.load(Optional.of(folder));

        assertThat(policies.informalResolution().clock("professionalResponse").workingDays()).isEqualTo(15);
        assertThat(policies.ids()).doesNotContain(ProcedurePolicies.INFORMAL_RESOLUTION);
    }

    @Test
    void aMalformedFileIsRefusedWithEveryMistakeOnItsLine() throws IOException {
        Path walsall = folder.resolve("walsall-corporate.yaml");
        Files.writeString(walsall, """
                id: walsall-corporate
                name: Walsall corporate complaints
                source: a test
                calendar: england-and-wales
                eligibility:
                  eventsWithinMonths: 12
                stages:
                  - id: stage-1
                    name: Stage 1
                    handledBy: caseworker
                    steps:
                      - id: acknowledge
                        name: Acknowledge
                        meets: stage1Acknowledgment
                      - id: respond
                        name: Respond
                        meets: stage1Response
                    clocks:
                      - id: stage1Response
                        name: stage 1 response
                        startsAt: stage-start
                        workingDays: 0
                        escalateEveryWorkingDays: 5
                        colour: red
                  - id: stage-2
                    name: Stage 2
                    handledBy: complaints-officer
                    request:
                      withinWorkingDays: 20
                """);

        PolicyFileException refused = catchThrowableOfType(PolicyFileException.class,
                () -> ProcedurePolicies.load(Optional.of(folder)));

        String file = walsall.toString();
        assertThat(refused.problems()).containsExactly(
                new Problem(file, 14, "stages[0].steps[0].meets", "names no clock of this stage: stage1Acknowledgment"),
                new Problem(file, 22, "stages[0].clocks[0].workingDays", "must be more than 0"),
                new Problem(file, 24, "stages[0].clocks[0].colour", CLOCK_FIELDS),
                new Problem(file, 25, "stages[1].steps", "must name at least one step"));
        assertThat(refused).hasMessage(String.join("\n",
                file + ":14: stages[0].steps[0].meets: names no clock of this stage: stage1Acknowledgment",
                file + ":22: stages[0].clocks[0].workingDays: must be more than 0",
                file + ":24: stages[0].clocks[0].colour: " + CLOCK_FIELDS,
                file + ":25: stages[1].steps: must name at least one step"));
    }

    @Test
    void everyBadFileIsReportedAtOnce() throws IOException {
        Files.writeString(folder.resolve("council-corporate.yaml"),
                shipped("council-corporate").replace("escalateEveryWorkingDays: 5", "escalateEveryWorkingDays: 0"));
        Files.writeString(folder.resolve("bromley-send.yaml"), MINIMAL.replace("test-procedure", "bromley-send")
                .replace("calendar: scotland\n", ""));
        Files.writeString(folder.resolve("walsall-corporate.yaml"), MINIMAL.replace("test-procedure",
                "walsall-corporate").replace("name: Test procedure", "name: Walsall: corporate"));

        PolicyFileException refused = catchThrowableOfType(PolicyFileException.class,
                () -> ProcedurePolicies.load(Optional.of(folder)));

        String corporate = folder.resolve("council-corporate.yaml").toString();
        assertThat(refused.problems()).containsExactly(
                new Problem(corporate, 23, "stages[0].clocks[0].escalateEveryWorkingDays", "must be more than 0"),
                new Problem(corporate, 44, "stages[1].clocks[0].escalateEveryWorkingDays", "must be more than 0"),
                // A missing top-level field has no parent in the file but the file itself.
                new Problem(folder.resolve("bromley-send.yaml").toString(), 1, "calendar", "is required"),
                new Problem(folder.resolve("walsall-corporate.yaml").toString(), 2, "",
                        "not valid YAML: mapping values are not allowed here"));
    }

    @Test
    void aFileNamedOtherThanItsProcedureIsRefused() throws IOException {
        Files.writeString(folder.resolve("walsall.yaml"), MINIMAL.replace("test-procedure", "walsall-corporate"));

        PolicyFileException refused = catchThrowableOfType(PolicyFileException.class,
                () -> ProcedurePolicies.load(Optional.of(folder)));

        assertThat(refused.problems()).containsExactly(new Problem(folder.resolve("walsall.yaml").toString(), 1,
                "id", "must be walsall, the file's name without its extension"));
    }

    @Test
    void aFileMayEndInYmlAndTwoFilesOfOneProcedureAreRefused() throws IOException {
        Files.writeString(folder.resolve("walsall-corporate.yml"), MINIMAL.replace("test-procedure",
                "walsall-corporate"));
        assertThat(ProcedurePolicies.load(Optional.of(folder)).find("walsall-corporate")).isPresent();

        Files.writeString(folder.resolve("walsall-corporate.yaml"), MINIMAL.replace("test-procedure",
                "walsall-corporate"));
        PolicyFileException refused = catchThrowableOfType(PolicyFileException.class,
                () -> ProcedurePolicies.load(Optional.of(folder)));
        assertThat(refused.problems()).containsExactly(new Problem(folder.resolve("walsall-corporate.yaml").toString(),
                1, "", "is the procedure walsall-corporate as well as " + folder.resolve("walsall-corporate.yml")
                        + ": keep one of the two"));
    }

    @Test
    void aProcedureMayNotUseTheInformalFrontsClockIds() throws IOException {
        assertThat(problemsOfOwn(MINIMAL.replace("stage1Response", "professionalResponse"))).containsExactly(
                problem(16, "stages[0].clocks[0].id", "must not be professionalResponse, which the informal front "
                        + "uses too"));
    }

    @Test
    void aMissingFolderIsNamed() {
        Path nowhere = folder.resolve("nowhere");

        assertThatThrownBy(() -> ProcedurePolicies.load(Optional.of(nowhere)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no procedures folder at " + nowhere);
    }

    /** The procedure {@code yaml} holds, read as a council's own file. */
    private ProcedurePolicy readOwn(String yaml) throws IOException {
        Files.writeString(folder.resolve("test-procedure.yaml"), yaml);
        return ProcedurePolicies.load(Optional.of(folder)).find("test-procedure").orElseThrow();
    }

    private List<Problem> problemsOfOwn(String yaml) throws IOException {
        Files.writeString(folder.resolve("test-procedure.yaml"), yaml);
        return catchThrowableOfType(PolicyFileException.class, () -> ProcedurePolicies.load(Optional.of(folder)))
                .problems();
    }

    /** A problem of the file {@link #problemsOfOwn} writes. */
    private Problem problem(int line, String field, String rule) {
        return new Problem(folder.resolve("test-procedure.yaml").toString(), line, field, rule);
    }

    private static String shipped(String id) throws IOException {
        return new String(ProcedurePolicies.class.getClassLoader().getResourceAsStream("procedures/" + id + ".yaml")
                .readAllBytes(), StandardCharsets.UTF_8);
    }
}
