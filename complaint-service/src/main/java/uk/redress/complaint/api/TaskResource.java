package uk.redress.complaint.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.access.Callers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.task.Task;
import uk.redress.complaint.task.TaskCursor;
import uk.redress.complaint.task.TaskQuery;
import uk.redress.complaint.task.TaskService;

/** The tasklist's API: the open user tasks of every complaint, and working them. */
@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks")
@RolesAllowed({Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER, Roles.MANAGER})
public class TaskResource {

    private final TaskService tasks;
    private final TaskForms forms;
    private final Callers callers;

    public TaskResource(TaskService tasks, TaskForms forms, Callers callers) {
        this.tasks = tasks;
        this.forms = forms;
        this.callers = callers;
    }

    @Schema(name = "TaskPage")
    public record TaskPage(List<Task> items, @Schema(description = "Absent on the last page") String nextCursor) {
    }

    @Schema(name = "Assignment")
    public record AssignmentRequest(@Schema(examples = "alex.officer") @NotBlank @Size(max = 200) String assignee) {
    }

    @GET
    @Operation(operationId = "listTasks",
            summary = "Open tasks, soonest due first",
            description = "Filters: assignee (a person's own tasks), candidateGroup, overdue, dueBefore, procedure, "
                    + "reference (a complaint's); "
                    + "limit (1 to " + QueryParameters.MAX_LIMIT + ", default " + QueryParameters.DEFAULT_LIMIT
                    + ") and the cursor of the previous page.")
    public Uni<TaskPage> list(@QueryParam("assignee") String assignee,
                              @QueryParam("candidateGroup") String candidateGroup,
                              @Parameter(schema = @Schema(type = SchemaType.BOOLEAN))
                              @QueryParam("overdue") String overdue,
                              @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date"))
                              @QueryParam("dueBefore") String dueBefore,
                              @QueryParam("procedure") String procedure,
                              @QueryParam("reference") String reference,
                              @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
                              @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor) {
        ParameterChecks checks = new ParameterChecks();
        int pageSize = checks.read(() -> QueryParameters.limit(limit), QueryParameters.DEFAULT_LIMIT);
        boolean overdueOnly = checks.read(() -> QueryParameters.flag("overdue", overdue), Optional.<Boolean>empty())
                .orElse(false);
        Optional<LocalDate> dueBeforeDay = checks.read(() -> QueryParameters.date("dueBefore", dueBefore),
                Optional.empty());
        Optional<TaskCursor> after = checks.read(() -> cursor(cursor), Optional.empty());
        checks.refuseIfAnyBroken();
        // One more than the page: whether it comes back tells whether another page follows.
        TaskQuery query = new TaskQuery(text(assignee), text(candidateGroup), overdueOnly, dueBeforeDay,
                text(procedure), text(reference), pageSize + 1, after);
        return tasks.open(callers.current(), query)
                .map(found -> {
                    if (found.size() <= pageSize) {
                        return new TaskPage(found, null);
                    }
                    List<Task> page = found.subList(0, pageSize);
                    Task last = page.getLast();
                    return new TaskPage(page, new TaskCursor(Optional.ofNullable(last.lapsesAt()), last.id()).encode());
                });
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTask",
            summary = "A task, open or done",
            description = "With its complaint, the action that completes it, its group and assignee, and its due date.")
    public Uni<Task> get(@PathParam("id") UUID id) {
        return tasks.get(callers.current(), id);
    }

    @POST
    @Path("/{id}/claim")
    @RolesAllowed({Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Operation(operationId = "claimTask",
            summary = "Take an unassigned task for yourself",
            description = "409 when someone else has it, or it is done.")
    public Uni<Task> claim(@PathParam("id") UUID id,
                           @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId) {
        Caller caller = callers.current();
        return tasks.claim(caller, id, ActionHeaders.context(caller, correlationId));
    }

    @POST
    @Path("/{id}/unclaim")
    @RolesAllowed({Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER, Roles.MANAGER})
    @Operation(operationId = "unclaimTask",
            summary = "Give a task back to its group",
            description = "Unassigned again, for anyone in its candidate group to claim.")
    public Uni<Task> unclaim(@PathParam("id") UUID id,
                             @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId) {
        Caller caller = callers.current();
        return tasks.unclaim(caller, id, ActionHeaders.context(caller, correlationId));
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COMPLAINTS_OFFICER, Roles.MANAGER})
    @Operation(operationId = "assignTask",
            summary = "Give a task to someone",
            description = "A manager's reassignment, whoever has it now; 422 for staff the complaint is about.")
    public Uni<Task> assign(@PathParam("id") UUID id, @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                            @NotNull(message = "is required") @Valid AssignmentRequest request) {
        Caller caller = callers.current();
        return tasks.assign(caller, id, request.assignee(), ActionHeaders.context(caller, correlationId));
    }

    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Operation(operationId = "completeTask",
            summary = "Complete a task with its form",
            description = "The form is the body of the complaint action the task stands for (its action field): "
                    + "an acknowledgement's letter, a response's outcome, remedies and letter, and so on. The step is "
                    + "recorded exactly as through that action, and the process moves on.")
    public Uni<Task> complete(@PathParam("id") UUID id, @HeaderParam(ActionHeaders.CORRELATION_ID) String correlationId,
                              @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT,
                                      description = "The body of the task's action"))) String form) {
        Caller caller = callers.current();
        EventContext context = ActionHeaders.context(caller, correlationId);
        return tasks.get(caller, id).chain(task -> {
            try {
                return tasks.complete(caller, id, forms.command(task, forms.read(form)), context);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
        });
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(text -> !text.isEmpty());
    }

    private static Optional<TaskCursor> cursor(String value) {
        return text(value).map(text -> TaskCursor.decode(text).orElseThrow(() -> new InvalidParameterException(
                "cursor", "must be the nextCursor of an earlier page, was '" + value + "'")));
    }
}
