package uk.redress.complaint.procedure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.lock.InstanceLock;
import uk.redress.workflow.procedure.PolicyJson;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;

/**
 * Records a new version of a procedure whenever its policy file reads differently from the version recorded last, and
 * gives the service every version it has had: complaints keep theirs, new ones take the newest. Runs at start, before
 * the service takes requests and before the processes are deployed; two instances starting at once record a version
 * once.
 */
@ApplicationScoped
public class ProcedureVersionStore {

    private static final Logger LOG = Logger.getLogger(ProcedureVersionStore.class);

    private final Pool database;
    private final ProcedurePolicies files;
    private final ProcedureVersions versions;
    private final PolicyJson json;

    public ProcedureVersionStore(Pool database, ProcedurePolicies files, ProcedureVersions versions,
                                 ObjectMapper json) {
        this.database = database;
        this.files = files;
        this.versions = versions;
        this.json = new PolicyJson(json);
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        record(files).await().atMost(Duration.ofMinutes(1));
    }

    /**
     * Records every procedure of {@code procedures} that differs from its last recorded version as its next version,
     * then reads them all: what the service starts with, and what a test that changes a file in place calls.
     */
    public Uni<Map<String, NavigableMap<Integer, ProcedurePolicy>>> record(ProcedurePolicies procedures) {
        return database.withTransaction(connection -> InstanceLock.PROCEDURE_VERSIONS.takeFor(connection)
                        .chain(() -> latest(connection))
                        .chain(latest -> {
                            List<Tuple> added = new ArrayList<>();
                            for (ProcedurePolicy procedure : procedures.all()) {
                                String policy = json.write(procedure);
                                String fingerprint = fingerprint(policy);
                                Latest last = latest.get(procedure.id());
                                if (last == null || !last.fingerprint().equals(fingerprint)) {
                                    int version = last == null ? 1 : last.version() + 1;
                                    added.add(Tuple.of(procedure.id(), version, fingerprint, policy));
                                    if (last != null) {
                                        LOG.infof("The policy of %s changed: recorded as its version %d; its open "
                                                + "complaints stay on version %d unless moved", procedure.id(),
                                                version, last.version());
                                    }
                                }
                            }
                            return added.isEmpty() ? Uni.createFrom().voidItem()
                                    : connection.preparedQuery("INSERT INTO procedure_version (procedure, version, "
                                            + "fingerprint, policy) VALUES ($1, $2, $3, $4)").executeBatch(added)
                                    .replaceWithVoid();
                        })
                        .chain(() -> connection.query("SELECT procedure, version, policy FROM procedure_version "
                                + "ORDER BY procedure, version").execute()))
                .map(rows -> {
                    Map<String, NavigableMap<Integer, ProcedurePolicy>> all = new HashMap<>();
                    for (Row row : rows) {
                        all.computeIfAbsent(row.getString(0), id -> new TreeMap<>())
                                .put(row.getInteger(1), json.read(row.getString(2)));
                    }
                    all.keySet().stream().filter(id -> procedures.find(id).isEmpty()).sorted().forEach(id -> LOG.warnf(
                            "The procedure %s has no policy file now: it is withdrawn, and takes no new complaint; "
                                    + "the complaints open under it run on under their versions", id));
                    versions.recorded(all, procedures);
                    return all;
                });
    }

    /** Where the engine has each version's process, once deployed; empty for one not deployed since recorded. */
    public Uni<Map<String, Map<Integer, Long>>> processKeys() {
        return database.query("SELECT procedure, version, engine_process_key FROM procedure_version "
                        + "WHERE engine_process_key IS NOT NULL").execute()
                .map(rows -> {
                    Map<String, Map<Integer, Long>> keys = new HashMap<>();
                    for (Row row : rows) {
                        keys.computeIfAbsent(row.getString(0), id -> new HashMap<>())
                                .put(row.getInteger(1), row.getLong(2));
                    }
                    return keys;
                });
    }

    /** The engine deployed a version's process as {@code processDefinitionKey}. */
    public Uni<Void> deployed(String procedureId, int version, long processDefinitionKey) {
        return database.preparedQuery("UPDATE procedure_version SET engine_process_key = $3 "
                        + "WHERE procedure = $1 AND version = $2")
                .execute(Tuple.of(procedureId, version, processDefinitionKey)).replaceWithVoid();
    }

    private record Latest(int version, String fingerprint) {
    }

    private static Uni<Map<String, Latest>> latest(SqlConnection connection) {
        return connection.query("SELECT DISTINCT ON (procedure) procedure, version, fingerprint FROM procedure_version "
                        + "ORDER BY procedure, version DESC").execute()
                .map(rows -> {
                    Map<String, Latest> latest = new HashMap<>();
                    rows.forEach(row -> latest.put(row.getString(0), new Latest(row.getInteger(1), row.getString(2))));
                    return latest;
                });
    }

    private static String fingerprint(String policy) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(policy.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
