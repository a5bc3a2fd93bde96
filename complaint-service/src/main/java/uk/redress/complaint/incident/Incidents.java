package uk.redress.complaint.incident;

import io.camunda.client.api.search.response.Incident;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.core.ComplaintNotFoundException;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.core.ProcessIncidentRaised;
import uk.redress.complaint.core.ProcessIncidentRetried;
import uk.redress.complaint.handling.ComplaintService;
import uk.redress.complaint.lock.InstanceLock;
import uk.redress.complaint.process.EngineSearch;

/**
 * The engine's incidents, seen from the record's side. An incident stops a complaint's process where it is (a job
 * failed with no retries left, an expression that could not be evaluated): nothing moves, no timer of that path fires,
 * until someone fixes the cause and retries it. The watch finds each incident once, notes it for the admins' list,
 * and records it on its complaint's history ({@link ProcessIncidentRaised}), which the notification service turns
 * into one email to the organisation's admins. An admin retries one once its cause is fixed.
 */
@ApplicationScoped
public class Incidents {

    /** Who records the incidents the watch found, in the complaint's history. */
    public static final String RECORDED_BY = "incident-watch";
    private static final Logger LOG = Logger.getLogger(Incidents.class);

    private final Pool database;
    private final EngineIncidents engine;
    private final EngineSearch search;
    private final ComplaintService complaints;
    private final Clock clock;

    public Incidents(Pool database, EngineIncidents engine, EngineSearch search, ComplaintService complaints,
                     Clock clock) {
        this.database = database;
        this.engine = engine;
        this.search = search;
        this.complaints = complaints;
        this.clock = clock;
    }

    /**
     * Asks the engine for its open incidents, notes and records each not noted yet, and notes as resolved those noted
     * open that the engine no longer holds open (resolved in Operate, say). Runs on one instance at a time; answers
     * the incidents found now.
     */
    public Uni<List<Noted>> watch() {
        return InstanceLock.INCIDENT_WATCH.runAlone(database, () -> engine.active().chain(active -> {
            Long[] keys = active.stream().map(Incident::getIncidentKey).toArray(Long[]::new);
            Instant now = clock.instant();
            return database.preparedQuery("SELECT incident_key FROM process_incident WHERE incident_key = ANY($1)")
                    .execute(Tuple.of(keys))
                    .map(rows -> {
                        Set<Long> known = new HashSet<>();
                        rows.forEach(row -> known.add(row.getLong(0)));
                        return active.stream().filter(incident -> !known.contains(incident.getIncidentKey()))
                                .toList();
                    })
                    .chain(found -> Multi.createFrom().iterable(found)
                            .onItem().transformToUniAndConcatenate(incident -> note(incident, now))
                            .collect().asList())
                    .call(() -> database.preparedQuery("UPDATE process_incident SET resolved_at = $1 "
                                    + "WHERE resolved_at IS NULL AND NOT (incident_key = ANY($2))")
                            .execute(Tuple.of(utc(now), keys)));
        }), List.of());
    }

    /** Records the incident on its complaint's history (once, whoever looks again), then notes it. */
    private Uni<Noted> note(Incident incident, Instant now) {
        long key = incident.getIncidentKey();
        String errorType = incident.getErrorType() == null ? "UNKNOWN" : incident.getErrorType().name();
        String message = incident.getErrorMessage() == null ? "" : incident.getErrorMessage();
        return search.complaintOf(incident.getProcessInstanceKey()).chain(complaintId -> {
            LOG.warnf("Incident %d in the engine: the process of complaint %s (instance %d) stopped at %s: %s (%s)",
                    key, complaintId.map(UUID::toString).orElse("unknown"), incident.getProcessInstanceKey(),
                    incident.getElementId(), errorType, message);
            Uni<Boolean> recorded = complaintId.isEmpty() ? Uni.createFrom().item(false)
                    : complaints.recordOnce(complaintId.get(),
                                    new ProcessIncidentRaised(key, incident.getElementId(), errorType, message),
                                    event -> event instanceof ProcessIncidentRaised raised
                                            && raised.incidentKey() == key,
                                    EventContext.system(RECORDED_BY, UUID.randomUUID()))
                            .onFailure(ComplaintNotFoundException.class).recoverWithItem(failure -> {
                                LOG.errorf("Incident %d names complaint %s, which the event store does not hold; "
                                        + "it is listed for the admins but recorded on no history", key,
                                        complaintId.get());
                                return false;
                            });
            Instant raisedAt = incident.getCreationTime() == null ? now : incident.getCreationTime().toInstant();
            Noted noted = new Noted(key, complaintId.orElse(null), null, incident.getProcessInstanceKey(),
                    incident.getJobKey(), incident.getElementId(), errorType, message, raisedAt, now, null, null);
            return recorded.chain(() -> database.preparedQuery("""
                            INSERT INTO process_incident (incident_key, complaint_id, process_instance_key, job_key,
                            element_id, error_type, error_message, raised_at, found_at)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (incident_key) DO NOTHING""")
                    .execute(Tuple.tuple().addLong(key).addUUID(noted.complaintId())
                            .addLong(noted.processInstanceKey()).addLong(noted.jobKey()).addString(noted.elementId())
                            .addString(errorType).addString(message).addOffsetDateTime(utc(raisedAt))
                            .addOffsetDateTime(utc(now)))
                    .replaceWith(noted));
        });
    }

    /**
     * The incidents of {@code organisation}'s complaints (and any whose complaint the engine did not name), open ones
     * first, newest first.
     */
    public Uni<List<Noted>> list(String organisation, int limit) {
        return database.preparedQuery(SELECT + """
                         WHERE s.organisation = $1 OR i.complaint_id IS NULL
                         ORDER BY i.resolved_at IS NULL DESC, i.found_at DESC, i.incident_key DESC LIMIT $2""")
                .execute(Tuple.of(organisation, limit))
                .map(Incidents::noted);
    }

    /**
     * Retries an open incident of {@code caller}'s organisation once its cause is fixed: the engine gives a failed job
     * its retries back and resolves the incident, and the retry is recorded on the complaint's history.
     */
    public Uni<Noted> retry(Caller caller, long incidentKey) {
        return find(caller.organisation(), incidentKey).chain(incident -> {
            if (incident.resolvedAt() != null) {
                return Uni.createFrom().failure(new IncidentResolvedException(incident));
            }
            Instant now = clock.instant();
            return engine.retry(incidentKey, incident.jobKey())
                    .chain(() -> database.preparedQuery("UPDATE process_incident SET resolved_at = $2, "
                                    + "retried_by = $3 WHERE incident_key = $1 AND resolved_at IS NULL")
                            .execute(Tuple.of(incidentKey, utc(now), caller.id())))
                    .call(() -> incident.complaintId() == null ? Uni.createFrom().voidItem()
                            : complaints.recordOnce(incident.complaintId(), new ProcessIncidentRetried(incidentKey),
                                    event -> event instanceof ProcessIncidentRetried retried
                                            && retried.incidentKey() == incidentKey,
                                    caller.context(UUID.randomUUID())))
                    .chain(() -> find(caller.organisation(), incidentKey));
        });
    }

    private Uni<Noted> find(String organisation, long incidentKey) {
        return database.preparedQuery(SELECT + "WHERE i.incident_key = $1 AND (s.organisation = $2 "
                        + "OR i.complaint_id IS NULL)")
                .execute(Tuple.of(incidentKey, organisation))
                .map(rows -> noted(rows).stream().findFirst()
                        .orElseThrow(() -> new IncidentNotFoundException(incidentKey)));
    }

    private static final String SELECT = """
            SELECT i.incident_key, i.complaint_id, s.reference, i.process_instance_key, i.job_key, i.element_id,
            i.error_type, i.error_message, i.raised_at, i.found_at, i.resolved_at, i.retried_by
            FROM process_incident i LEFT JOIN complaint_summary s ON s.id = i.complaint_id
            """;

    private static List<Noted> noted(Iterable<Row> rows) {
        List<Noted> noted = new ArrayList<>();
        for (Row row : rows) {
            OffsetDateTime resolvedAt = row.getOffsetDateTime(10);
            noted.add(new Noted(row.getLong(0), row.getUUID(1), row.getString(2), row.getLong(3), row.getLong(4),
                    row.getString(5), row.getString(6), row.getString(7), row.getOffsetDateTime(8).toInstant(),
                    row.getOffsetDateTime(9).toInstant(), resolvedAt == null ? null : resolvedAt.toInstant(),
                    row.getString(11)));
        }
        return noted;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * An incident the watch found.
     *
     * @param complaintId null where the instance names no complaint
     * @param reference   the complaint's reference; null where not known
     * @param jobKey      the failed job, for an incident of a job
     * @param raisedAt    when the engine raised it
     * @param foundAt     when the watch found it
     * @param resolvedAt  when it was retried here, or found resolved in the engine; null while open
     * @param retriedBy   who retried it here; null otherwise
     */
    @Schema(name = "Incident")
    public record Noted(long incidentKey, UUID complaintId, String reference, long processInstanceKey, Long jobKey,
                        String elementId, String errorType, String errorMessage, Instant raisedAt, Instant foundAt,
                        Instant resolvedAt, String retriedBy) {
    }
}
