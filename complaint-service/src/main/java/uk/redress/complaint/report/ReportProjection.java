package uk.redress.complaint.report;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.eventstore.ReplayableProjection;
import uk.redress.complaint.report.ReportRows.ImprovementRow;
import uk.redress.complaint.report.ReportRows.Promise;
import uk.redress.complaint.report.ReportRows.StageRow;
import uk.redress.workflow.procedure.ProcedurePolicies;

/**
 * Keeps {@code report_complaint} and {@code report_stage} in step with the event store, as the complaint list is kept:
 * each append upserts its complaint's rows in its transaction, a rebuild upserts rows folded from the history, and
 * a row is written only over an older version (see {@code ComplaintSummaryProjection} for why that makes the two
 * commute). A stage, once entered, is never left out of a later state, so no row ever needs deleting.
 */
@ApplicationScoped
public class ReportProjection implements ReplayableProjection {

    public static final String NAME = "reports";

    private static final String UPSERT_COMPLAINT = """
            INSERT INTO report_complaint (complaint_id, organisation, procedure, kind, status, received_on, ended_on,
                ombudsman_referred_on, ombudsman_decision, ombudsman_decided_on, service_area, themes, complainant_role,
                advocacy, version)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS date), CAST(?8 AS date), CAST(?9 AS text), CAST(?10 AS date),
                CAST(?11 AS text), ?12, CAST(?13 AS text), CAST(?14 AS text), ?15)
            ON CONFLICT (complaint_id) DO UPDATE SET organisation = EXCLUDED.organisation,
                procedure = EXCLUDED.procedure, kind = EXCLUDED.kind, status = EXCLUDED.status,
                received_on = EXCLUDED.received_on, ended_on = EXCLUDED.ended_on,
                ombudsman_referred_on = EXCLUDED.ombudsman_referred_on,
                ombudsman_decision = EXCLUDED.ombudsman_decision,
                ombudsman_decided_on = EXCLUDED.ombudsman_decided_on, service_area = EXCLUDED.service_area,
                themes = EXCLUDED.themes, complainant_role = EXCLUDED.complainant_role, advocacy = EXCLUDED.advocacy,
                version = EXCLUDED.version
            WHERE report_complaint.version < EXCLUDED.version""";
    private static final String UPSERT_STAGE = """
            INSERT INTO report_stage (complaint_id, stage, organisation, procedure, started_on,
                acknowledgement_due_original, acknowledgement_due, acknowledged_on, acknowledgement_extensions,
                acknowledgement_lapsed_due, response_due_original, response_due, responded_on, response_extensions,
                response_lapsed_due, outcome, remedies, escalated, payment, version)
                        -- A null has no type of its own: each nullable parameter says its column's.
            VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS date), CAST(?7 AS date), CAST(?8 AS date), ?9, CAST(?10 AS date),
                CAST(?11 AS date), CAST(?12 AS date), CAST(?13 AS date), ?14, CAST(?15 AS date), CAST(?16 AS text), ?17,
                ?18, CAST(?19 AS numeric), ?20)
            ON CONFLICT (complaint_id, stage) DO UPDATE SET organisation = EXCLUDED.organisation,
                procedure = EXCLUDED.procedure, started_on = EXCLUDED.started_on,
                acknowledgement_due_original = EXCLUDED.acknowledgement_due_original,
                acknowledgement_due = EXCLUDED.acknowledgement_due, acknowledged_on = EXCLUDED.acknowledged_on,
                acknowledgement_extensions = EXCLUDED.acknowledgement_extensions,
                acknowledgement_lapsed_due = EXCLUDED.acknowledgement_lapsed_due,
                response_due_original = EXCLUDED.response_due_original, response_due = EXCLUDED.response_due,
                responded_on = EXCLUDED.responded_on, response_extensions = EXCLUDED.response_extensions,
                response_lapsed_due = EXCLUDED.response_lapsed_due, outcome = EXCLUDED.outcome,
                remedies = EXCLUDED.remedies, escalated = EXCLUDED.escalated, payment = EXCLUDED.payment,
                version = EXCLUDED.version
            WHERE report_stage.version < EXCLUDED.version""";

    private static final String UPSERT_IMPROVEMENT = """
            INSERT INTO report_improvement (complaint_id, number, organisation, procedure, reference, action, owner,
                agreed_on, due_on, completed_on, version)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CAST(?10 AS date), ?11)
            ON CONFLICT (complaint_id, number) DO UPDATE SET organisation = EXCLUDED.organisation,
                procedure = EXCLUDED.procedure, reference = EXCLUDED.reference, action = EXCLUDED.action,
                owner = EXCLUDED.owner, agreed_on = EXCLUDED.agreed_on, due_on = EXCLUDED.due_on,
                completed_on = EXCLUDED.completed_on, version = EXCLUDED.version
            WHERE report_improvement.version < EXCLUDED.version""";

    private final ProcedurePolicies procedures;

    public ReportProjection(ProcedurePolicies procedures) {
        this.procedures = procedures;
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
        return List.of("report_complaint", "report_stage", "report_improvement");
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, Complaint state, Instant lastEventAt) {
        ReportRows rows = rowsOf(state);
        Uni<Integer> written = execute(session, UPSERT_COMPLAINT, values(rows.complaint()));
        for (StageRow stage : rows.stages()) {
            written = written.chain(() -> execute(session, UPSERT_STAGE, values(stage)));
        }
        for (ImprovementRow improvement : rows.improvements()) {
            written = written.chain(() -> execute(session, UPSERT_IMPROVEMENT, values(improvement)));
        }
        return written.replaceWithVoid();
    }

    @Override
    public Uni<Void> applyAll(SqlConnection connection, List<Replayed> complaints) {
        if (complaints.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> complaintRows = new ArrayList<>();
        List<Tuple> stageRows = new ArrayList<>();
        List<Tuple> improvementRows = new ArrayList<>();
        for (Replayed complaint : complaints) {
            ReportRows rows = rowsOf(complaint.state());
            complaintRows.add(Tuple.from(values(rows.complaint())));
            rows.stages().forEach(stage -> stageRows.add(Tuple.from(values(stage))));
            rows.improvements().forEach(improvement -> improvementRows.add(Tuple.from(values(improvement))));
        }
        Uni<?> written = connection.preparedQuery(numbered(UPSERT_COMPLAINT)).executeBatch(complaintRows);
        if (!stageRows.isEmpty()) {
            written = written.chain(() -> connection.preparedQuery(numbered(UPSERT_STAGE)).executeBatch(stageRows));
        }
        if (!improvementRows.isEmpty()) {
            written = written.chain(() -> connection.preparedQuery(numbered(UPSERT_IMPROVEMENT))
                    .executeBatch(improvementRows));
        }
        return written.replaceWithVoid();
    }

    private ReportRows rowsOf(Complaint state) {
        return ReportRows.of(state, procedures.find(state.procedure()));
    }

    private static Uni<Integer> execute(Mutiny.Session session, String sql, List<Object> values) {
        var query = session.createNativeQuery(sql);
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query.executeUpdate();
    }

    /** Hibernate's numbered parameters (?1) as the Vert.x client's ($1). */
    private static String numbered(String sql) {
        return sql.replaceAll("\\?(\\d+)", "\\$$1");
    }

    private static List<Object> values(ReportRows.ComplaintRow row) {
        return Arrays.asList(row.complaintId(), row.organisation(), row.procedure(), row.kind(), row.status(),
                row.receivedOn(), row.endedOn().orElse(null), row.ombudsmanReferredOn().orElse(null),
                row.ombudsmanDecision().orElse(null), row.ombudsmanDecidedOn().orElse(null),
                row.serviceArea().orElse(null), ReportRows.joined(row.themes()), row.complainantRole().orElse(null),
                row.advocacy().orElse(null), row.version());
    }

    private static List<Object> values(ImprovementRow row) {
        return Arrays.asList(row.complaintId(), row.number(), row.organisation(), row.procedure(), row.reference(),
                row.action(), row.owner(), row.agreedOn(), row.dueOn(), row.completedOn().orElse(null),
                row.version());
    }

    private static List<Object> values(StageRow row) {
        Optional<Promise> ack = row.acknowledgement();
        Optional<Promise> response = row.response();
        return Arrays.asList(row.complaintId(), row.stage(), row.organisation(), row.procedure(), row.startedOn(),
                ack.map(Promise::originalDue).orElse(null), ack.map(Promise::due).orElse(null),
                ack.flatMap(Promise::keptOn).orElse(null), ack.map(Promise::extensions).orElse(0),
                ack.flatMap(Promise::lapsedDue).orElse(null),
                response.map(Promise::originalDue).orElse(null), response.map(Promise::due).orElse(null),
                row.respondedOn().orElse(null), response.map(Promise::extensions).orElse(0),
                response.flatMap(Promise::lapsedDue).orElse(null),
                row.outcome().orElse(null), ReportRows.joined(row.remedies()), row.escalated(),
                row.payment().orElse(null), row.version());
    }
}
