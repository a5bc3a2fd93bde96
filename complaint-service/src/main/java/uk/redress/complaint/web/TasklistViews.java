package uk.redress.complaint.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import uk.redress.complaint.api.Problem;
import uk.redress.complaint.core.Categories;
import uk.redress.complaint.core.Classification;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.deadline.DeadlineReport;
import uk.redress.complaint.task.Task;

/** What the tasklist's pages show: one view per page, and the rows and deadlines they are made of. */
public final class TasklistViews {

    private TasklistViews() {
    }

    /** A task in a list, with its due date in words. */
    public record Row(Task task, DueText due) {
    }

    /** @param here the list's own address with its filters, where a claim comes back to */
    public record ListView(String user, List<Row> rows, String group, boolean mine, boolean overdue,
                           String dueBefore, String procedure, String reference, List<String> groups,
                           List<String> procedures, String here, String nextPage, String notice, String error) {
    }

    public record ManagerView(String user, List<Row> rows, String notice) {
    }

    /**
     * A deadline as the task's page explains it.
     *
     * @param skipped    the days not counted, with why
     * @param extensions each move of the date, with its reason
     */
    public record DeadlineView(String name, String state, String explanation, String skipped,
                               List<String> moves) {

        static DeadlineView of(DeadlineReport report) {
            String explanation = "Due by the end of " + report.dueDate().format(DueText.UK_DATE) + ": "
                    + report.length() + " counted from " + report.countedFrom()
                    + (report.metAt() == null ? "." : "; met " + report.metAt() + ".");
            String skipped = String.join(", ", report.skippedDays().stream()
                    .map(day -> day.date() + " (" + day.reason() + ")").toList());
            Stream<String> extensions = report.extensions().stream().map(extension -> "Extended from "
                    + extension.previousDueDate() + " to " + extension.newDueDate() + ": " + extension.reason());
            Stream<String> pauses = report.pauses().stream().map(pause -> pause.resumedOn()
                    .map(resumed -> "Stopped for information from " + pause.pausedOn() + " to " + resumed + " ("
                            + pause.workingDaysPaused() + " working days): moved from " + pause.previousDueDate()
                            + " to " + pause.newDueDate().orElseThrow())
                    .orElse("Stopped for information since " + pause.pausedOn() + ": the due date moves when the "
                            + "answer is recorded"));
            return new DeadlineView(report.name(), report.state(), explanation, skipped,
                    Stream.concat(extensions, pauses).toList());
        }
    }

    /**
     * A task's page: the complaint, its history and deadlines, and the forms that can be sent from it.
     *
     * @param values what was typed, shown again after an error
     */
    public record TaskView(String user, Task task, DueText due, Complaint complaint, String procedureName,
                           String stageName, List<TimelineEntry> timeline, List<DeadlineView> deadlines,
                           List<String> choices, List<String> outcomes, List<String> remedies, boolean extensible,
                           boolean canAskForInformation, boolean waitsForInformation, Categories.Lists categories, boolean asksWhoComplained,
                           List<Problem.FieldError> errors, Map<String, String> values, String notice) {

        public List<String> complainantRoles() {
            return Arrays.stream(Classification.ComplainantRole.values()).map(Enum::name).toList();
        }

        public List<String> advocacyOptions() {
            return Arrays.stream(Classification.Advocacy.values()).map(Enum::name).toList();
        }

        /** What the classification form shows chosen: what was typed after an error, else what is recorded. */
        public boolean classifiedAs(String field, String option) {
            if (values.containsKey("serviceArea")) {
                return checked(field, option);
            }
            Classification recorded = complaint.classification();
            return switch (field) {
                case "serviceArea" -> recorded.serviceArea().filter(option::equals).isPresent();
                case "themes" -> recorded.themes().contains(option);
                case "complainantRole" -> recorded.complainantRole().map(Enum::name).filter(option::equals)
                        .isPresent();
                case "advocacy" -> recorded.advocacy().map(Enum::name).filter(option::equals).isPresent();
                default -> false;
            };
        }

        /** A code as words: {@code PARENT_OR_CARER} as "Parent or carer". */
        public String words(String code) {
            return ReportViews.words(code);
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        /** In words, as the due dates beside it are: "Tuesday 1 December 2026". */
        public String receivedOn() {
            return complaint.receivedOn().format(DueText.UK_DATE);
        }

        public boolean checked(String field, String option) {
            return Arrays.asList(values.getOrDefault(field, "").split(",")).contains(option);
        }

        public String error(String field) {
            return errors.stream().filter(error -> error.field().equals(field)).map(Problem.FieldError::rule)
                    .findFirst().orElse(null);
        }

        public String errorClass(String field) {
            return error(field) == null ? "" : " govuk-form-group--error";
        }
    }
}
