package uk.redress.complaint.report;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.eventstore.ReplayableProjection;
import uk.redress.complaint.report.ReportRows.ComplaintRow;
import uk.redress.complaint.report.ReportRows.ImprovementRow;
import uk.redress.complaint.report.ReportRows.Promise;
import uk.redress.complaint.report.ReportRows.StageRow;
import uk.redress.complaint.report.Tallies.Tally;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.complaint.core.ProcedureVersions;

/**
 * Keeps {@code report_complaint}, {@code report_stage} and {@code report_improvement} in step with the event store, as
 * the complaint list is kept: each append upserts its complaint's rows in its transaction, a rebuild upserts rows
 * folded from the history, and a row is written only over an older version (see {@code ComplaintSummaryProjection}
 * for why that makes the two commute). A stage, once entered, is never left out of a later state, so no row ever
 * needs deleting.
 *
 * <p>Each complaint and stage row carries its {@link Tallies}; the database adds them into {@code report_tally} as the
 * rows change. Rows go to PostgreSQL as one JSON array a table, written by one statement in key order, whether one
 * complaint's or a rebuild page's: the sums' row locks are then always taken in the same order (see V17).
 */
@ApplicationScoped
public class ReportProjection implements ReplayableProjection {

    public static final String NAME = "reports";

    private static final Upsert COMPLAINTS = Upsert.of("report_complaint", List.of("complaint_id"), List.of(
            "complaint_id uuid", "organisation text", "procedure text", "kind text", "status text",
            "received_on date", "ended_on date", "ombudsman_referred_on date", "ombudsman_decision text",
            "ombudsman_decided_on date", "service_area text", "themes text", "complainant_role text", "advocacy text",
            "tallies jsonb", "version integer"));
    private static final Upsert STAGES = Upsert.of("report_stage", List.of("complaint_id", "stage"), List.of(
            "complaint_id uuid", "stage text", "organisation text", "procedure text", "started_on date",
            "acknowledgement_due_original date", "acknowledgement_due date", "acknowledged_on date",
            "acknowledgement_extensions integer", "acknowledgement_lapsed_due date", "response_due_original date",
            "response_due date", "responded_on date", "response_extensions integer", "response_lapsed_due date",
            "outcome text", "remedies text", "escalated boolean", "payment numeric", "tallies jsonb",
            "version integer"));
    private static final Upsert IMPROVEMENTS = Upsert.of("report_improvement", List.of("complaint_id", "number"),
            List.of("complaint_id uuid", "number integer", "organisation text", "procedure text", "reference text",
                    "action text", "owner text", "agreed_on date", "due_on date", "completed_on date",
                    "version integer"));

    private final ProcedureVersions versions;
    private final Tallies tallies;

    public ReportProjection(ProcedureVersions versions, WorkingDayCalendar calendar) {
        this.versions = versions;
        this.tallies = new Tallies(calendar);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the reports' figures";
    }

    @Override
    public List<String> tables() {
        return List.of("report_complaint", "report_stage", "report_improvement", "report_tally");
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, Complaint state, Instant lastEventAt) {
        Written written = written(List.of(rowsOf(state)));
        Uni<Integer> applied = execute(session, COMPLAINTS, written.complaints());
        if (!written.stages().isEmpty()) {
            applied = applied.chain(() -> execute(session, STAGES, written.stages()));
        }
        if (!written.improvements().isEmpty()) {
            applied = applied.chain(() -> execute(session, IMPROVEMENTS, written.improvements()));
        }
        return applied.replaceWithVoid();
    }

    @Override
    public Uni<Void> applyAll(SqlConnection connection, List<Replayed> complaints) {
        return write(connection, complaints.stream().map(complaint -> rowsOf(complaint.state())).toList());
    }

    /** Upserts the rows, each table's in one statement. */
    Uni<Void> write(SqlConnection connection, List<ReportRows> rows) {
        Written written = written(rows);
        Uni<?> applied = Uni.createFrom().voidItem();
        for (var table : List.of(Map.entry(COMPLAINTS, written.complaints()), Map.entry(STAGES, written.stages()),
                Map.entry(IMPROVEMENTS, written.improvements()))) {
            if (!table.getValue().isEmpty()) {
                applied = applied.chain(() -> connection.preparedQuery(table.getKey().forVertx())
                        .execute(Tuple.of(table.getValue().encode())));
            }
        }
        return applied.replaceWithVoid();
    }

    private ReportRows rowsOf(Complaint state) {
        return ReportRows.of(state, versions.find(state.procedure(), state.procedureVersion()));
    }

    private static Uni<Integer> execute(Mutiny.Session session, Upsert upsert, JsonArray rows) {
        return session.createNativeQuery(upsert.forHibernate()).setParameter(1, rows.encode()).executeUpdate();
    }

    private record Written(JsonArray complaints, JsonArray stages, JsonArray improvements) {
    }

    private Written written(List<ReportRows> rows) {
        Written written = new Written(new JsonArray(), new JsonArray(), new JsonArray());
        for (ReportRows complaint : rows) {
            written.complaints().add(json(complaint.complaint()));
            complaint.stages().forEach(stage -> written.stages().add(json(stage)));
            complaint.improvements().forEach(improvement -> written.improvements().add(json(improvement)));
        }
        return written;
    }

    private JsonObject json(ComplaintRow row) {
        return new JsonObject()
                .put("complaint_id", row.complaintId().toString())
                .put("organisation", row.organisation())
                .put("procedure", row.procedure())
                .put("kind", row.kind())
                .put("status", row.status())
                .put("received_on", row.receivedOn().toString())
                .put("ended_on", day(row.endedOn()))
                .put("ombudsman_referred_on", day(row.ombudsmanReferredOn()))
                .put("ombudsman_decision", row.ombudsmanDecision().orElse(null))
                .put("ombudsman_decided_on", day(row.ombudsmanDecidedOn()))
                .put("service_area", row.serviceArea().orElse(null))
                .put("themes", ReportRows.joined(row.themes()))
                .put("complainant_role", row.complainantRole().orElse(null))
                .put("advocacy", row.advocacy().orElse(null))
                .put("tallies", json(tallies.of(row)))
                .put("version", row.version());
    }

    /** A stage row's; it has one only where its complaint's procedure is known, which gives its calendar. */
    private JsonObject json(StageRow row) {
        Region region = versions.current(row.procedure()).orElseThrow().calendar();
        Optional<Promise> ack = row.acknowledgement();
        Optional<Promise> response = row.response();
        return new JsonObject()
                .put("complaint_id", row.complaintId().toString())
                .put("stage", row.stage())
                .put("organisation", row.organisation())
                .put("procedure", row.procedure())
                .put("started_on", row.startedOn().toString())
                .put("acknowledgement_due_original", day(ack.map(Promise::originalDue)))
                .put("acknowledgement_due", day(ack.map(Promise::due)))
                .put("acknowledged_on", day(ack.flatMap(Promise::keptOn)))
                .put("acknowledgement_extensions", ack.map(Promise::extensions).orElse(0))
                .put("acknowledgement_lapsed_due", day(ack.flatMap(Promise::lapsedDue)))
                .put("response_due_original", day(response.map(Promise::originalDue)))
                .put("response_due", day(response.map(Promise::due)))
                .put("responded_on", day(row.respondedOn()))
                .put("response_extensions", response.map(Promise::extensions).orElse(0))
                .put("response_lapsed_due", day(response.flatMap(Promise::lapsedDue)))
                .put("outcome", row.outcome().orElse(null))
                .put("remedies", ReportRows.joined(row.remedies()))
                .put("escalated", row.escalated())
                .put("payment", row.payment().map(BigDecimal::toPlainString).orElse(null))
                .put("tallies", json(tallies.of(row, region)))
                .put("version", row.version());
    }

    private static JsonObject json(ImprovementRow row) {
        return new JsonObject()
                .put("complaint_id", row.complaintId().toString())
                .put("number", row.number())
                .put("organisation", row.organisation())
                .put("procedure", row.procedure())
                .put("reference", row.reference())
                .put("action", row.action())
                .put("owner", row.owner())
                .put("agreed_on", row.agreedOn().toString())
                .put("due_on", row.dueOn().toString())
                .put("completed_on", day(row.completedOn()))
                .put("version", row.version());
    }

    private static JsonArray json(List<Tally> tallies) {
        JsonArray json = new JsonArray();
        tallies.forEach(tally -> json.add(new JsonObject()
                .put("stage", tally.stage())
                .put("day", tally.day().toString())
                .put("measure", tally.measure())
                .put("count", tally.count())
                .put("amount", tally.amount().toPlainString())));
        return json;
    }

    private static String day(Optional<LocalDate> day) {
        return day.map(LocalDate::toString).orElse(null);
    }

    /**
     * An upsert of rows given as a JSON array, each an object of the columns by name: taken in key order, and written
     * only over an older version. The array comes as text, which the statement reads as JSON (a text parameter taken
     * for {@code jsonb} would be sent as one JSON string).
     *
     * <p>Built once: the same statement with the Vert.x client's parameter ({@code $1}) and Hibernate's ({@code ?1}).
     */
    private record Upsert(String forVertx, String forHibernate) {

        /** @param columns each column's name and type, as in {@code received_on date} */
        static Upsert of(String table, List<String> key, List<String> columns) {
            return new Upsert(sql(table, key, columns, "$1"), sql(table, key, columns, "?1"));
        }

        private static String sql(String table, List<String> key, List<String> columns, String parameter) {
            List<String> names = columns.stream().map(column -> column.substring(0, column.indexOf(' '))).toList();
            return "INSERT INTO " + table + " AS saved (" + String.join(", ", names) + ") SELECT "
                    + String.join(", ", names) + " FROM jsonb_to_recordset(CAST(CAST(" + parameter
                    + " AS text) AS jsonb)) AS written(" + String.join(", ", columns) + ") ORDER BY "
                    + String.join(", ", key) + " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET "
                    + names.stream().filter(name -> !key.contains(name)).map(name -> name + " = EXCLUDED." + name)
                    .collect(Collectors.joining(", "))
                    + " WHERE saved.version < EXCLUDED.version";
        }
    }
}
