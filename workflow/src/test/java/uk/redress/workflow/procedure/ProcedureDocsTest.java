package uk.redress.workflow.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.redress.testing.GeneratedSection;

/**
 * The README's procedure tables are generated from the policy files, so that the documents never drift from the
 * code. After changing a policy, write them anew:
 * {@code ./mvnw -pl workflow -am test -Dtest=ProcedureDocsTest -Dsurefire.failIfNoSpecifiedTests=false
 *  -Dredress.write-docs=true} ({@code -am} builds what it needs on a machine that has not built Redress yet).
 */
class ProcedureDocsTest {

    private static final GeneratedSection README = new GeneratedSection(Path.of("README.md"),
            "<!-- procedures: generated from workflow/src/main/resources/procedures -->", "<!-- procedures: end -->");

    @Test
    void theReadmeShowsEveryProcedureAsItsPolicyFileSaysIt() {
        ProcedurePolicies policies = ProcedurePolicies.shipped();
        List<ProcedurePolicy> documented = new ArrayList<>(policies.all());
        documented.add(policies.informalResolution());
        StringBuilder generated = new StringBuilder("\n");
        documented.forEach(procedure -> generated.append(markdown(procedure)));

        assertThat(README.current(generated.toString())).as("run with -Dredress.write-docs=true to write it anew")
                .isEqualTo(generated.toString());
    }

    static String markdown(ProcedurePolicy procedure) {
        StringBuilder md = new StringBuilder();
        md.append("\n### ").append(procedure.name()).append(" (`").append(procedure.id()).append("`)\n\n");
        md.append("Source: ").append(procedure.source()).append(". Working days skip the bank holidays of ")
                .append(procedure.calendar().id()).append(". Complaints should be about events within the last ")
                .append(procedure.eligibility().eventsWithinMonths()).append(" months; older ones need a recorded "
                        + "reason to accept.");
        procedure.feedback().ifPresent(feedback -> md.append(" Comments go to `").append(feedback.commentsTo())
                .append("` and compliments to `").append(feedback.complimentsTo())
                .append("`: recorded, with no deadline."));
        md.append("\n\n| stage | handled by | deadline | counted from | working days | reminders (working days "
                + "before) | escalated every | extension |\n|---|---|---|---|---:|---|---|---|\n");
        for (Stage stage : procedure.stages()) {
            for (Clock clock : stage.clocks()) {
                md.append("| ").append(stage.name())
                        .append(" | `").append(stage.handledBy()).append('`')
                        .append(" | ").append(clock.name())
                        .append(" | ").append(countedFrom(procedure, stage, clock))
                        .append(" | ").append(clock.workingDays() > 0 ? String.valueOf(clock.workingDays())
                                : clock.lengthInWords())
                        .append(" | ").append(clock.remindBeforeWorkingDays().isEmpty() ? "none"
                                : String.join(", ", clock.remindBeforeWorkingDays().stream().map(String::valueOf).toList()))
                        .append(" | ").append(clock.escalateEveryWorkingDays()).append(" working days")
                        .append(" | ").append(extension(clock.extension()))
                        .append(" |\n");
            }
        }
        List<String> notes = new ArrayList<>();
        for (Stage stage : procedure.stages()) {
            stage.request().ifPresent(request -> notes.add(stage.name() + ": the complainant asks for it "
                    + request.windowInWords().map(window -> "within " + window + " of the previous stage's response "
                            + "(later: the complaint closes)").orElse("at any time")
                    + (request.mustSay().isEmpty() ? "" : ", saying " + String.join(" and ", request.mustSay()))
                    + "."));
            stage.clocks().stream().filter(Clock::pausesForInformation).forEach(clock -> notes.add(stage.name()
                    + ": the " + clock.name() + " clock stops while the complainant is asked for information."));
            if (stage.skippedWhenAboutHandler()) {
                notes.add("A complaint about the `" + stage.handledBy() + "` starts at the next stage.");
            }
            stage.steps().stream().filter(step -> !step.choices().isEmpty()).forEach(step -> notes.add(
                    stage.name() + ": a recorded decision, " + String.join(" or ", step.choices()) + "."));
            if (stage.signpostOmbudsman()) {
                notes.add(stage.name() + ": the response tells the complainant how to go to the Ombudsman.");
            }
            if (stage.isFinal()) {
                notes.add(stage.name() + ": the organisation's final word.");
            }
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    private static String countedFrom(ProcedurePolicy procedure, Stage stage, Clock clock) {
        if (clock.startsWithStage()) {
            return stage == procedure.stages().getFirst() ? "receipt" : "the request";
        }
        return "done: " + stage.step(clock.startsAfterStep().orElseThrow()).name().toLowerCase();
    }

    private static String extension(Optional<Clock.Extension> extension) {
        if (extension.isEmpty()) {
            return "none";
        }
        Clock.Extension rules = extension.get();
        List<String> parts = new ArrayList<>();
        parts.add(rules.maxWorkingDays().map(days -> "up to " + days + " working days").orElse("no set limit"));
        rules.maxCount().ifPresent(count -> parts.add(count == 1 ? "once" : "at most " + count + " times"));
        if (rules.reasonRequired()) {
            parts.add("with reasons");
        }
        if (rules.ombudsmanDetailsRequired()) {
            parts.add("with the Ombudsman's details");
        }
        return String.join(", ", parts);
    }
}
