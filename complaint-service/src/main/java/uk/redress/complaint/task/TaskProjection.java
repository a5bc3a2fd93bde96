package uk.redress.complaint.task;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import uk.redress.complaint.access.StaffConcerned;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.eventstore.Projection;
import uk.redress.workflow.personaldata.PersonalDataCipher;

/**
 * Keeps the tasklist in step with every append: the task the complaint waits for is open, every other task of it is
 * done. A task recorded through the API (or the tasklist, which uses the same commands) leaves the list in the same
 * transaction as its event. Writes carry the complaint's version and apply only over an older one, so a replay is safe.
 */
@ApplicationScoped
public class TaskProjection implements Projection {

    /** No task has this id: with nothing pending, every open task of the complaint is done. */
    private static final UUID NONE = new UUID(0, 0);

    private static final String CLOSE_OTHERS = """
            UPDATE task SET state = 'DONE', done_at = ?1, version = ?2
            WHERE complaint_id = ?3 AND state = 'OPEN' AND id <> ?4 AND version < ?2""";

    private static final String OPEN_PENDING = """
            INSERT INTO task (id, complaint_id, reference, procedure, summary, stage, step, element_id, name, action,
                candidate_group, clock, due_date, lapses_at, state, opened_at, version, assignee, organisation,
                staff_concerned, paused_since)
            VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS text), ?7, ?8, ?9, ?10, ?11, CAST(?12 AS text),
                CAST(?13 AS date), CAST(?14 AS timestamptz), 'OPEN', ?15, ?16, CAST(?17 AS text), ?18,
                CAST(CAST(?19 AS text) AS jsonb), CAST(?20 AS date))
            ON CONFLICT (id) DO UPDATE SET summary = EXCLUDED.summary, clock = EXCLUDED.clock,
                due_date = EXCLUDED.due_date, lapses_at = EXCLUDED.lapses_at, paused_since = EXCLUDED.paused_since,
                version = EXCLUDED.version,
                assignee = EXCLUDED.assignee
            WHERE task.version < EXCLUDED.version AND task.state = 'OPEN'""";

    private static final String ERASE_SUMMARIES = "UPDATE task SET summary = ?2 WHERE complaint_id = ?1";

    private final PendingTasks pendingTasks;

    public TaskProjection(PendingTasks pendingTasks) {
        this.pendingTasks = pendingTasks;
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, Complaint state, Instant lastEventAt) {
        Optional<PendingTask> pending = pendingTasks.of(state);
        OffsetDateTime at = lastEventAt.atOffset(ZoneOffset.UTC);
        Uni<Integer> closed = execute(session, CLOSE_OTHERS,
                Arrays.asList(at, state.version(), state.id(), pending.map(PendingTask::id).orElse(NONE)));
        if (state.summary().equals(PersonalDataCipher.ERASED)) {
            // Done tasks keep the summary they had: erasure reaches them too.
            closed = closed.chain(() -> execute(session, ERASE_SUMMARIES, List.of(state.id(), state.summary())));
        }
        if (pending.isEmpty()) {
            return closed.replaceWithVoid();
        }
        PendingTask task = pending.get();
        return closed.chain(() -> execute(session, OPEN_PENDING, Arrays.asList(task.id(), task.complaintId(),
                        task.reference(), task.procedure(), task.summary(), task.stage().orElse(null), task.step(),
                        task.elementId(), task.name(), task.action(), task.candidateGroup(), task.clock().orElse(null),
                        task.dueDate().orElse(null), task.lapsesAt().map(lapse -> lapse.atOffset(ZoneOffset.UTC))
                                .orElse(null), at, state.version(), task.assignee().orElse(null),
                        state.organisation(), StaffConcerned.toJson(state.staffConcerned()),
                        task.pausedSince().orElse(null))))
                .replaceWithVoid();
    }

    private static Uni<Integer> execute(Mutiny.Session session, String sql, List<Object> values) {
        var query = session.createNativeQuery(sql);
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query.executeUpdate();
    }
}
