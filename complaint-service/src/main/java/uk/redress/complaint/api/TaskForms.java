package uk.redress.complaint.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;
import uk.redress.complaint.core.Action;
import uk.redress.complaint.core.Commands.ComplaintCommand;
import uk.redress.complaint.handling.ActionNames;
import uk.redress.complaint.task.Task;

/**
 * A task's form is the body of the complaint action that completes it, checked by the same rules: a task completes
 * exactly as the API would record its step.
 */
@ApplicationScoped
public class TaskForms {

    private final ObjectMapper json;
    private final Validator validator;

    public TaskForms(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * A form sent as JSON. Read here rather than bound by the framework: an {@code ObjectNode} parameter came back
     * empty after the application restarted in the same JVM, as the tests restart it.
     */
    public ObjectNode read(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new InvalidParameterException("body", "is required: the task's form, as a JSON object");
        }
        if (!(json.readTree(body) instanceof ObjectNode form)) {
            throw new InvalidParameterException("body", "must be a JSON object: the task's form");
        }
        return form;
    }

    /** The command a filled-in form asks for; a missing or invalid field fails naming it. */
    public ComplaintCommand command(Task task, ObjectNode form) throws JsonProcessingException {
        Action action = ActionNames.action(task.action())
                .orElseThrow(() -> new IllegalStateException("no form for the action " + task.action()));
        return switch (action) {
            case ACKNOWLEDGE -> valid(json.treeToValue(form,
                    ActionRequests.AcknowledgementRequest.class)).toCommand();
            case DECIDE_STAGE -> valid(json.treeToValue(form,
                    ActionRequests.StageDecisionRequest.class)).toCommand();
            // The task names its step: the form needs only the note.
            case COMPLETE_STEP -> valid(json.treeToValue(form.deepCopy().put("step", task.step()),
                    ActionRequests.StepCompletionRequest.class)).toCommand();
            case RESPOND -> valid(json.treeToValue(form,
                    ActionRequests.ResponseRequest.class)).toCommand();
            case CLOSE -> valid(json.treeToValue(form,
                    ActionRequests.ClosureRequest.class)).toCommand();
            default -> throw new IllegalStateException("no form for the action " + task.action());
        };
    }

    /** The request, if it keeps its rules; otherwise the violations, naming each field. */
    public <T> T valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}
