package uk.redress.complaint.task;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import uk.redress.complaint.complaint.Commands.ComplaintCommand;
import uk.redress.complaint.complaint.ComplaintService;
import uk.redress.complaint.complaint.EventContext;

/**
 * Works the tasklist. Completing a task carries out the complaint's command through {@link ComplaintService}, the one
 * write path: its event closes the task, and its message moves the process on, as a command through the API would.
 */
@ApplicationScoped
public class TaskService {

    private final TaskStore tasks;
    private final ComplaintService complaints;
    private final Clock clock;

    public TaskService(TaskStore tasks, ComplaintService complaints, Clock clock) {
        this.tasks = tasks;
        this.complaints = complaints;
        this.clock = clock;
    }

    public Uni<List<Task>> open(TaskQuery query) {
        return tasks.open(query, clock.instant());
    }

    public Uni<Task> get(UUID id) {
        return tasks.find(id).map(found -> found.orElseThrow(() -> new TaskNotFoundException(id)));
    }

    /** Takes an unassigned task; of two people claiming at once, one wins and the other is told who has it. */
    public Uni<Task> claim(UUID id, String user) {
        return tasks.claim(id, user).chain(claimed -> get(id).invoke(task -> {
            if (!claimed) {
                throw new TaskNotAvailableException(!task.isOpen() ? "The task is done"
                        : "The task is claimed by " + task.assignee() + "; a manager can reassign it");
            }
        }));
    }

    public Uni<Task> unclaim(UUID id) {
        return assign(id, Optional.empty());
    }

    /** A manager gives the task to someone, or to nobody. */
    public Uni<Task> assign(UUID id, Optional<String> assignee) {
        return tasks.assign(id, assignee).chain(assigned -> get(id).invoke(task -> {
            if (!assigned) {
                throw new TaskNotAvailableException("The task is done");
            }
        }));
    }

    /** Carries out the task's command on its complaint; answers the task, now done. */
    public Uni<Task> complete(UUID id, ComplaintCommand command, EventContext context) {
        return get(id).chain(task -> {
            if (!task.isOpen()) {
                return Uni.createFrom().failure(new TaskNotAvailableException("The task is done"));
            }
            return complaints.handle(task.complaintId(), Optional.empty(), command, context)
                    .chain(() -> get(id));
        });
    }
}
