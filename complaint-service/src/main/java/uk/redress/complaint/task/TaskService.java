package uk.redress.complaint.task;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.core.Commands.ComplaintCommand;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.core.InvalidCommandException;
import uk.redress.complaint.core.TaskAssigned;
import uk.redress.complaint.handling.ComplaintService;

/**
 * Works the tasklist. Who has a task is recorded in the complaint's history ({@link TaskAssigned}), and completing a
 * task carries out the complaint's command: both through {@link ComplaintService}, the one write path, so the task's
 * row follows from the events and the process moves on as it would for a command through the API.
 */
@ApplicationScoped
public class TaskService {

    private final TaskStore tasks;
    private final ComplaintService complaints;
    private final PendingTasks pendingTasks;
    private final Clock clock;

    public TaskService(TaskStore tasks, ComplaintService complaints, PendingTasks pendingTasks, Clock clock) {
        this.tasks = tasks;
        this.complaints = complaints;
        this.pendingTasks = pendingTasks;
        this.clock = clock;
    }

    public Uni<List<Task>> open(Caller caller, TaskQuery query) {
        return tasks.open(caller, query, clock.instant());
    }

    /** The task, if {@code caller} may see it; otherwise as if there were none. */
    public Uni<Task> get(Caller caller, UUID id) {
        return tasks.find(id).map(found -> found.filter(task -> task.isVisibleTo(caller))
                .orElseThrow(() -> new TaskNotFoundException(id)));
    }

    /** The complaint's task open now, if {@code caller} may see it; empty when there is none they may see. */
    public Uni<Optional<Task>> openOf(Caller caller, UUID complaintId) {
        return tasks.openOf(complaintId).map(found -> found.filter(task -> task.isVisibleTo(caller)));
    }

    /** The caller takes a task nobody has; of two people claiming at once, one wins and the other is refused. */
    public Uni<Task> claim(Caller caller, UUID id, EventContext context) {
        return give(caller, id, Optional.of(caller.id()), true, context);
    }

    public Uni<Task> unclaim(Caller caller, UUID id, EventContext context) {
        return give(caller, id, Optional.empty(), false, context);
    }

    /**
     * A manager gives the task to someone, whoever has it now; never to staff the complaint is about (the caller
     * cannot know every user's organisation: the assignee's own sign-in keeps them to theirs).
     */
    public Uni<Task> assign(Caller caller, UUID id, String assignee, EventContext context) {
        return give(caller, id, Optional.of(assignee), false, context);
    }

    /**
     * Records who has the task, decided on the complaint as it stands; a change committed meanwhile (another claim)
     * makes the append fail rather than be overwritten.
     */
    private Uni<Task> give(Caller caller, UUID id, Optional<String> assignee, boolean onlyIfFree,
                           EventContext context) {
        return get(caller, id).chain(task -> complaints.history(caller, task.complaintId()).chain(history -> {
            Complaint complaint = Complaint.replay(history).orElseThrow();
            assignee.filter(complaint.staffConcerned()::contains).ifPresent(named -> {
                throw new InvalidCommandException("assignee", "must not be one of the staff the complaint is about, "
                        + "was " + named);
            });
            PendingTask pending = pendingTasks.of(complaint).filter(open -> open.id().equals(id))
                    .orElseThrow(() -> new TaskNotAvailableException("The task is done"));
            Optional<String> current = pending.assignee();
            if (onlyIfFree && current.isPresent() && !current.equals(assignee)) {
                throw new TaskNotAvailableException("The task is claimed by " + current.get()
                        + "; a manager can reassign it");
            }
            if (Objects.equals(current, assignee)) {
                return Uni.createFrom().item(task);
            }
            return complaints.record(complaint, new TaskAssigned(pending.elementId(), pending.name(),
                            complaint.reference(), assignee, pending.dueDate()), context)
                    .chain(() -> get(caller, id));
        }));
    }

    /** Carries out the task's command on its complaint; answers the task, now done. */
    public Uni<Task> complete(Caller caller, UUID id, ComplaintCommand command, EventContext context) {
        return get(caller, id).chain(task -> {
            if (!task.isOpen()) {
                return Uni.createFrom().failure(new TaskNotAvailableException("The task is done"));
            }
            return complaints.handle(caller, task.complaintId(), Optional.empty(), command, context)
                    .chain(() -> get(caller, id));
        });
    }
}
