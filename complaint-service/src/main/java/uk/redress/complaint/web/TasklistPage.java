package uk.redress.complaint.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.access.Callers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.api.ActionRequests;
import uk.redress.complaint.api.Problem;
import uk.redress.complaint.api.TaskForms;
import uk.redress.complaint.core.Action;
import uk.redress.complaint.core.Categories;
import uk.redress.complaint.core.Commands.ComplaintCommand;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.core.Responded;
import uk.redress.complaint.deadline.DeadlineReports;
import uk.redress.complaint.handling.ComplaintService;
import uk.redress.complaint.privacy.PersonalDataReads;
import uk.redress.complaint.report.ChildrenActReport;
import uk.redress.complaint.task.Task;
import uk.redress.complaint.task.TaskCursor;
import uk.redress.complaint.task.TaskQuery;
import uk.redress.complaint.task.TaskService;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.complaint.web.TasklistViews.DeadlineView;
import uk.redress.complaint.web.TasklistViews.ListView;
import uk.redress.complaint.web.TasklistViews.ManagerView;
import uk.redress.complaint.web.TasklistViews.Row;
import uk.redress.complaint.web.TasklistViews.TaskView;

/**
 * The web tasklist: server-side pages and plain HTML forms, so that every control works from the keyboard and with
 * assistive technology, with no script to load or keep up to date. Every write goes through the same services as the
 * API, as the signed-in person (see {@link uk.redress.complaint.web.SignInPage}).
 */
@Path("/tasklist")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER, Roles.MANAGER})
public class TasklistPage {

    private static final int PAGE = 25;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ListView view);

        static native TemplateInstance task(TaskView view);

        static native TemplateInstance manager(ManagerView view);
    }

    private final TaskService tasks;
    private final TaskForms forms;
    private final ComplaintService complaints;
    private final DeadlineReports deadlineReports;
    private final ProcedureVersions versions;
    private final WorkingDayCalendar calendar;
    private final ObjectMapper json;
    private final Clock clock;
    private final Callers callers;
    private final PersonalDataReads reads;
    private final Categories categories;

    public TasklistPage(TaskService tasks, TaskForms forms, ComplaintService complaints,
                        DeadlineReports deadlineReports, ProcedureVersions versions, WorkingDayCalendar calendar,
                        ObjectMapper json, Clock clock, Callers callers, PersonalDataReads reads,
                        Categories categories) {
        this.categories = categories;
        this.callers = callers;
        this.reads = reads;
        this.tasks = tasks;
        this.forms = forms;
        this.complaints = complaints;
        this.deadlineReports = deadlineReports;
        this.versions = versions;
        this.calendar = calendar;
        this.json = json;
        this.clock = clock;
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> list(@QueryParam("group") String group,
                                      @QueryParam("mine") boolean mine, @QueryParam("overdue") boolean overdue,
                                      @QueryParam("dueBefore") String dueBefore,
                                      @QueryParam("procedure") String procedure,
                                      @QueryParam("reference") String reference,
                                      @QueryParam("cursor") String cursor, @QueryParam("notice") String notice) {
        Caller caller = callers.current();
        UriBuilder filtered = UriBuilder.fromPath("/tasklist").queryParam("group", orEmpty(group))
                .queryParam("mine", mine).queryParam("overdue", overdue).queryParam("dueBefore", orEmpty(dueBefore))
                .queryParam("procedure", orEmpty(procedure)).queryParam("reference", orEmpty(reference));
        String here = filtered.build().toString();
        Optional<LocalDate> before;
        try {
            before = text(dueBefore).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            return Uni.createFrom().item(Templates.list(new ListView(caller.name(), List.of(), orEmpty(group), mine,
                    overdue, orEmpty(dueBefore), orEmpty(procedure), orEmpty(reference), groups(), procedureIds(),
                    here, null, null, "Due by must be a date such as 2026-12-01")));
        }
        TaskQuery query = new TaskQuery(mine ? Optional.of(caller.id()) : Optional.empty(), text(group), overdue,
                before, text(procedure), text(reference), PAGE + 1, text(cursor).flatMap(TaskCursor::decode));
        Instant now = clock.instant();
        return tasks.open(caller, query).map(found -> {
            List<Task> page = found.size() > PAGE ? found.subList(0, PAGE) : found;
            String next = found.size() > PAGE ? filtered.queryParam("cursor", new TaskCursor(
                    Optional.ofNullable(page.getLast().lapsesAt()), page.getLast().id()).encode()).build().toString()
                    : null;
            return Templates.list(new ListView(caller.name(), rows(page, now), orEmpty(group), mine, overdue,
                    orEmpty(dueBefore), orEmpty(procedure), orEmpty(reference), groups(), procedureIds(), here, next,
                    notice, null));
        });
    }

    @GET
    @Path("/manager")
    @RolesAllowed({Roles.COMPLAINTS_OFFICER, Roles.MANAGER})
    @Operation(hidden = true)
    public Uni<TemplateInstance> manager(@QueryParam("notice") String notice) {
        Caller caller = callers.current();
        TaskQuery overdue = new TaskQuery(Optional.empty(), Optional.empty(), true, Optional.empty(),
                Optional.empty(), Optional.empty(), 200, Optional.empty());
        Instant now = clock.instant();
        return tasks.open(caller, overdue)
                .map(found -> Templates.manager(new ManagerView(caller.name(), rows(found, now), notice)));
    }

    /** Claims, and goes back to the list as it was filtered. */
    @POST
    @Path("/tasks/{id}/claim")
    @RolesAllowed({Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> claim(@PathParam("id") UUID id,
                               MultivaluedMap<String, String> form) {
        Caller caller = callers.current();
        // Only back into the tasklist: never a redirect to anywhere a form says.
        String back = Optional.ofNullable(form.getFirst("back")).filter(path -> path.startsWith("/tasklist?"))
                .orElse("/tasklist");
        return tasks.claim(caller, id, context(caller))
                .map(task -> seeOther(back, "You claimed " + task.name() + " for " + task.reference()))
                .onFailure(TaskPageErrors::refused)
                .recoverWithItem(failure -> seeOther(back, TaskPageErrors.refusal(failure)));
    }

    @POST
    @Path("/tasks/{id}/assign")
    @RolesAllowed({Roles.COMPLAINTS_OFFICER, Roles.MANAGER})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> assign(@PathParam("id") UUID id,
                               MultivaluedMap<String, String> form) {
        Caller caller = callers.current();
        String assignee = orEmpty(form.getFirst("assignee")).trim();
        if (assignee.isEmpty()) {
            return Uni.createFrom().item(seeOther("/tasklist/manager", "Enter who should have the task"));
        }
        return tasks.assign(caller, id, assignee, context(caller))
                .map(task -> seeOther("/tasklist/manager", task.name() + " for " + task.reference()
                        + " is now with " + assignee))
                .onFailure(TaskPageErrors::refused)
                .recoverWithItem(failure -> seeOther("/tasklist/manager", TaskPageErrors.refusal(failure)));
    }

    /** Where a staff email links: the complaint's open task, or the list saying it has none. */
    @GET
    @Path("/complaints/{id}")
    @Operation(hidden = true)
    public Uni<Response> complaint(@PathParam("id") UUID id) {
        return tasks.openOf(callers.current(), id).map(open -> open
                .map(task -> Response.seeOther(UriBuilder.fromPath("/tasklist/tasks/{id}").build(task.id())).build())
                .orElseGet(() -> seeOther("/tasklist", "That complaint has no open task you can work")));
    }

    @GET
    @Path("/tasks/{id}")
    @Operation(hidden = true)
    public Uni<TemplateInstance> task(@PathParam("id") UUID id, @QueryParam("notice") String notice) {
        Caller caller = callers.current();
        return tasks.get(caller, id).chain(task -> page(task, caller, List.of(), Map.of(), notice));
    }

    /** The task's own form: completes the task with its step. */
    @POST
    @Path("/tasks/{id}/complete")
    @RolesAllowed({Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> complete(@PathParam("id") UUID id,
                               MultivaluedMap<String, String> form) {
        Caller caller = callers.current();
        return tasks.get(caller, id).chain(task -> {
            ObjectNode body = HtmlForms.body(json, form);
            return attempt(task, caller, form, () -> tasks.complete(caller, id, forms.command(task, body),
                            context(caller))
                    .map(done -> seeOther("/tasklist", done.name() + " recorded for " + done.reference())));
        });
    }

    /** More information asked for, from the task's page; the task stays open. */
    @POST
    @Path("/tasks/{id}/information-request")
    @RolesAllowed({Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> requestInformation(@PathParam("id") UUID id,
                               MultivaluedMap<String, String> form) {
        return recordFromTaskPage(id, form, ActionRequests.InformationRequestRequest.class,
                (task, body) -> body, "Information request recorded");
    }

    /** The information asked of the complainant came, from the task's page: the deadline runs again. */
    @POST
    @Path("/tasks/{id}/information-received")
    @RolesAllowed({Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> recordInformationReceived(@PathParam("id") UUID id, MultivaluedMap<String, String> form) {
        return recordFromTaskPage(id, form, ActionRequests.InformationReceivedRequest.class,
                (task, body) -> body, "Information received recorded");
    }

    /** What the complaint is about (and, for a child's complaint, who made it), from the task's page. */
    @POST
    @Path("/tasks/{id}/classification")
    @RolesAllowed({Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> classify(@PathParam("id") UUID id, MultivaluedMap<String, String> form) {
        return recordFromTaskPage(id, form, ActionRequests.ClassificationRequest.class,
                (task, body) -> body.has("themes") ? body : body.set("themes", json.createArrayNode()),
                "Classification recorded");
    }

    /** The task's deadline moved, from the task's page. */
    @POST
    @Path("/tasks/{id}/extension")
    @RolesAllowed({Roles.CASEWORKER, Roles.COMPLAINTS_OFFICER})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> extend(@PathParam("id") UUID id,
                               MultivaluedMap<String, String> form) {
        return recordFromTaskPage(id, form, ActionRequests.ExtensionRequest.class,
                (task, body) -> body.put("clock", task.clock()), "Deadline extended");
    }

    /**
     * A complaint action other than the task's own, sent from the task's page as the API's request body
     * ({@code request}, completed from the task by {@code fromTask}); the task stays open.
     */
    private <R extends ActionRequests.ActionRequest> Uni<Response> recordFromTaskPage(
            UUID id, MultivaluedMap<String, String> form, Class<R> request,
            BiFunction<Task, ObjectNode, ObjectNode> fromTask, String done) {
        Caller caller = callers.current();
        return tasks.get(caller, id).chain(task -> attempt(task, caller, form, () -> record(task, caller,
                forms.valid(json.treeToValue(fromTask.apply(task, HtmlForms.body(json, form)), request)).toCommand(),
                done)));
    }

    private interface Attempt {
        Uni<Response> run() throws JsonProcessingException;
    }

    /** Runs a form's command; what it breaks is shown on the task's page again, with what was typed. */
    private Uni<Response> attempt(Task task, Caller caller, MultivaluedMap<String, String> form, Attempt attempt) {
        Uni<Response> done;
        try {
            done = attempt.run();
        } catch (JsonProcessingException | RuntimeException e) {
            done = Uni.createFrom().failure(e);
        }
        return done.onFailure(failure -> TaskPageErrors.of(failure).isPresent()).recoverWithUni(failure ->
                page(task, caller, TaskPageErrors.of(failure).orElseThrow(), HtmlForms.typed(form), null)
                        .map(page -> Response.status(400).entity(page).type(MediaType.TEXT_HTML).build()));
    }

    private Uni<Response> record(Task task, Caller caller, ComplaintCommand command, String what) {
        return complaints.handle(caller, task.complaintId(), Optional.empty(), command, context(caller))
                .map(ignored -> seeOther("/tasklist/tasks/" + task.id(), what));
    }

    private Uni<TemplateInstance> page(Task task, Caller caller, List<Problem.FieldError> errors,
                                       Map<String, String> values, String notice) {
        return reads.shownTo(caller, task.complaintId(), "task page").map(history -> {
            Complaint complaint = Complaint.replay(history).orElseThrow();
            ProcedurePolicy procedure = versions.of(complaint);
            Optional<Stage> stage = complaint.stage().map(procedure::stage);
            List<String> choices = stage.flatMap(s -> s.steps().stream()
                    .filter(step -> step.id().equals(task.step())).findFirst())
                    .map(step -> step.choices()).orElse(List.of());
            List<Action> allowed = complaints.allowedActions(complaint);
            return Templates.task(new TaskView(caller.name(), task, due(task, clock.instant()), complaint,
                    procedure.name(), stage.map(Stage::name).orElse(""),
                    history.stream().map(TimelineEntry::of).toList().reversed(),
                    deadlineReports.of(history).stream().map(DeadlineView::of).toList(), choices,
                    Stream.of(Responded.Outcome.values()).map(Enum::name).toList(),
                    Stream.of(Responded.Remedy.values()).map(Enum::name).toList(),
                    task.isOpen() && task.clock() != null && allowed.contains(Action.EXTEND)
                            && procedure.clock(task.clock()).extension().isPresent(),
                    task.isOpen() && allowed.contains(Action.REQUEST_INFORMATION),
                    task.isOpen() && allowed.contains(Action.RECORD_INFORMATION_RECEIVED),
                    categories.of(complaint.organisation()),
                    complaint.procedure().equals(ChildrenActReport.PROCEDURE), errors, values, notice));
        });
    }

    private List<Row> rows(List<Task> page, Instant now) {
        return page.stream().map(task -> new Row(task, due(task, now))).toList();
    }

    private DueText due(Task task, Instant now) {
        return DueText.of(calendar, versions.current(task.procedure()).orElseThrow().calendar(), task.dueDate(),
                task.lapsesAt(), task.pausedSince(), now);
    }

    /** Every group a task can go to, for the filter: a withdrawn procedure's open complaints still have tasks. */
    private List<String> groups() {
        return versions.ids().stream().map(id -> versions.current(id).orElseThrow())
                .flatMap(procedure -> Stream.concat(procedure.stages().stream().map(Stage::handledBy),
                        procedure.feedback().stream().flatMap(feedback -> Stream.of(feedback.commentsTo(),
                                feedback.complimentsTo()))))
                .distinct().sorted().toList();
    }

    private List<String> procedureIds() {
        return versions.ids();
    }

    private static EventContext context(Caller caller) {
        return caller.context(UUID.randomUUID());
    }

    private static Response seeOther(String path, String notice) {
        return Response.seeOther(UriBuilder.fromUri(path).replaceQueryParam("notice", notice).build()).build();
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(text -> !text.isEmpty());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
