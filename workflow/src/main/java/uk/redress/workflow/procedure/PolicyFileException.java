package uk.redress.workflow.procedure;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Policy files that break the rules of a procedure. It names every problem of every file, one a line, so that a
 * council sees all its mistakes at once rather than one a restart.
 */
public final class PolicyFileException extends IllegalArgumentException {

    private final List<Problem> problems;

    public PolicyFileException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * One broken rule, where the council finds it.
     *
     * @param file  the path as given for a council's own file, {@code procedures/<name>} for a shipped one
     * @param line  the 1-based line of the field, or of its nearest parent in the file where the field is missing
     * @param field the field as the file nests it ({@code stages[1].clocks[0].workingDays}); empty where the
     *              problem is the file as a whole, such as broken YAML
     * @param rule  what is wrong, in words
     */
    public record Problem(String file, int line, String field, String rule) {

        /** {@code /councils/walsall.yaml:14: stages[1].clocks[0].workingDays: must be more than 0}. */
        @Override
        public String toString() {
            return file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + rule;
        }
    }
}
