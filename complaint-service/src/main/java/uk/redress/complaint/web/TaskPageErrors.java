package uk.redress.complaint.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Optional;
import uk.redress.complaint.api.Problem;
import uk.redress.complaint.core.ActionNotAllowedException;
import uk.redress.complaint.core.InvalidCommandException;
import uk.redress.complaint.core.VersionConflictException;
import uk.redress.complaint.handling.ActionNames;
import uk.redress.complaint.task.TaskNotAvailableException;

/**
 * What the tasklist tells a person whose form or claim was refused: on the page, next to the field, in the words of
 * the API's problems (see {@code ProblemMappers}), where the API would answer a problem document.
 */
final class TaskPageErrors {

    private TaskPageErrors() {
    }

    /** A claim or reassignment someone else's change got to first. */
    static boolean refused(Throwable failure) {
        return failure instanceof TaskNotAvailableException || failure instanceof VersionConflictException;
    }

    static String refusal(Throwable failure) {
        return failure instanceof VersionConflictException
                ? "Someone else changed the complaint at the same time; look at the task again" : failure.getMessage();
    }

    /** The fields a failure names and why; empty for a failure that is not the person's to correct. */
    static Optional<List<Problem.FieldError>> of(Throwable failure) {
        return switch (failure) {
            case ConstraintViolationException invalid -> Optional.of(invalid.getConstraintViolations().stream()
                    .map(violation -> new Problem.FieldError(violation.getPropertyPath().toString(),
                            violation.getMessage()))
                    .toList());
            case InvalidCommandException rule -> Optional.of(List.of(new Problem.FieldError(rule.field(),
                    rule.rule())));
            case JsonProcessingException unreadable -> Optional.of(List.of(new Problem.FieldError("form",
                    "has a value that is not a valid date or option: " + unreadable.getOriginalMessage())));
            case ActionNotAllowedException refused -> Optional.of(List.of(new Problem.FieldError("task",
                    ActionNames.refusal(refused))));
            case TaskNotAvailableException unavailable -> Optional.of(List.of(new Problem.FieldError("task",
                    unavailable.getMessage())));
            case VersionConflictException conflict -> Optional.of(List.of(new Problem.FieldError("task",
                    "Someone else changed the complaint at the same time; check it and try again")));
            default -> Optional.empty();
        };
    }
}
