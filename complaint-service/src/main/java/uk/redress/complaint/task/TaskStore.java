package uk.redress.complaint.task;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.access.StaffConcerned;

/**
 * Reads the tasklist; the {@link TaskProjection} opens and closes tasks and keeps who has each, from the complaint's
 * events.
 */
@ApplicationScoped
public class TaskStore {

    private static final String COLUMNS = "id, complaint_id, reference, procedure, summary, stage, step, element_id, "
            + "name, action, candidate_group, assignee, clock, due_date, lapses_at, paused_since, state, job_key, job_offered_at, opened_at, "
            + "done_at, organisation, staff_concerned";
    /** Tasks with no deadline sort last. */
    private static final String DUE = "COALESCE(lapses_at, 'infinity')";

    private final Pool database;

    public TaskStore(Pool database) {
        this.database = database;
    }

    /** One page of the open tasks {@code caller} may see, soonest due first. */
    public Uni<List<Task>> open(Caller caller, TaskQuery query, Instant now) {
        List<String> where = new ArrayList<>(List.of("state = 'OPEN'"));
        Tuple values = Tuple.tuple();
        where.add(StaffConcerned.visibleTo(next(values, caller.organisation()), next(values, caller.id())));
        query.assignee().ifPresent(assignee -> where.add("assignee = " + next(values, assignee)));
        query.candidateGroup().ifPresent(group -> where.add("candidate_group = " + next(values, group)));
        if (query.overdue()) {
            where.add("lapses_at <= " + next(values, utc(now)));
        }
        query.dueBefore().ifPresent(date -> where.add("due_date <= " + next(values, date)));
        query.procedure().ifPresent(procedure -> where.add("procedure = " + next(values, procedure)));
        query.reference().ifPresent(reference -> where.add("upper(reference) = upper(" + next(values, reference)
                + ")"));
        query.after().ifPresent(cursor -> where.add("(" + DUE + ", id) > (" + cursor.lapsesAt()
                .map(lapse -> next(values, utc(lapse))).orElse("'infinity'::timestamptz") + ", "
                + next(values, cursor.id()) + ")"));
        String sql = "SELECT " + COLUMNS + " FROM task WHERE " + String.join(" AND ", where)
                + " ORDER BY " + DUE + ", id LIMIT " + next(values, query.limit());
        return database.preparedQuery(sql).execute(values).map(TaskStore::tasks);
    }

    public Uni<Optional<Task>> find(UUID id) {
        return database.preparedQuery("SELECT " + COLUMNS + " FROM task WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> tasks(rows).stream().findFirst());
    }

    /** The complaint's task open now, if any. */
    public Uni<Optional<Task>> openOf(UUID complaintId) {
        return database.preparedQuery("SELECT " + COLUMNS + " FROM task WHERE complaint_id = $1 AND state = 'OPEN'")
                .execute(Tuple.of(complaintId))
                .map(rows -> tasks(rows).stream().findFirst());
    }

    /**
     * The engine offered the task's job: kept, so that the tasklist can tell the engine has it, and the process repair
     * can ask the engine after it (see ProcessRepair).
     */
    public Uni<Boolean> recordJob(UUID id, long jobKey, long processInstanceKey, Instant offeredAt) {
        return database.preparedQuery("UPDATE task SET job_key = $2, process_instance_key = $3, job_offered_at = $4, "
                        + "job_checked_at = $4 WHERE id = $1 AND state = 'OPEN'")
                .execute(Tuple.of(id, jobKey, processInstanceKey, utc(offeredAt)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * An instance of the complaint's process offers a job for a step that is not open: kept beside its open task, as
     * the instance the process repair cancels should that task's own job be gone or never come.
     */
    public Uni<Void> recordInstanceElsewhere(UUID complaintId, long processInstanceKey) {
        return database.preparedQuery("UPDATE task SET process_instance_key = $2 WHERE complaint_id = $1 "
                        + "AND state = 'OPEN'")
                .execute(Tuple.of(complaintId, processInstanceKey))
                .replaceWithVoid();
    }

    private static String next(Tuple values, Object value) {
        values.addValue(value);
        return "$" + values.size();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static List<Task> tasks(RowSet<Row> rows) {
        List<Task> tasks = new ArrayList<>();
        for (Row row : rows) {
            tasks.add(new Task(row.getUUID("id"), row.getUUID("complaint_id"), row.getString("reference"),
                    row.getString("procedure"), row.getString("summary"), row.getString("stage"),
                    row.getString("step"), row.getString("element_id"), row.getString("name"),
                    row.getString("action"), row.getString("candidate_group"), row.getString("assignee"),
                    row.getString("clock"), row.getLocalDate("due_date"), instant(row, "lapses_at"),
                    row.getLocalDate("paused_since"), row.getString("state"), row.getLong("job_key"), instant(row, "job_offered_at"),
                    instant(row, "opened_at"), instant(row, "done_at"), row.getString("organisation"),
                    row.getJsonArray("staff_concerned").stream().map(String::valueOf).toList()));
        }
        return tasks;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
