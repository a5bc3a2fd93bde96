package uk.redress.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.redress.workflow.procedure.PolicyJson;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;

/**
 * The procedures the service knows: those of its policy files, and those it read from a file at an earlier start whose
 * file has been taken away since. The complaint service takes no new complaint under such a withdrawn procedure, but
 * the complaints open under it run on, and their complainants' letters need its stages and clocks.
 */
@ApplicationScoped
public class KnownProcedures {

    private static final Logger LOG = Logger.getLogger(KnownProcedures.class);

    private final ProcedurePolicies files;
    private final Pool database;
    private final PolicyJson json;
    private volatile Map<String, ProcedurePolicy> kept = Map.of();

    public KnownProcedures(ProcedurePolicies files, Pool database, ObjectMapper json) {
        this.files = files;
        this.database = database;
        this.json = new PolicyJson(json);
    }

    /** Before the consumer and the job workers start: their observers come after (the library's, the default). */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        keep(files).await().atMost(Duration.ofMinutes(1));
    }

    /**
     * Keeps each policy of {@code procedures} as read now, then reads every policy kept: what the service does at
     * start with its files.
     */
    public Uni<Void> keep(ProcedurePolicies procedures) {
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        List<Tuple> read = procedures.all().stream()
                .map(procedure -> Tuple.of(procedure.id(), json.write(procedure), now))
                .toList();
        return database.preparedQuery("INSERT INTO notification.procedure_policy (procedure, policy, read_at) "
                        + "VALUES ($1, $2, $3) ON CONFLICT (procedure) DO UPDATE SET policy = excluded.policy, "
                        + "read_at = excluded.read_at")
                .executeBatch(read)
                .chain(() -> database.query("SELECT procedure, policy FROM notification.procedure_policy "
                        + "ORDER BY procedure").execute())
                .invoke(rows -> {
                    Map<String, ProcedurePolicy> all = new HashMap<>();
                    for (Row row : rows) {
                        all.put(row.getString(0), json.read(row.getString(1)));
                        if (procedures.find(row.getString(0)).isEmpty()) {
                            LOG.infof("The procedure %s has no policy file now: its complaints' notices and letters "
                                    + "follow its policy as last read", row.getString(0));
                        }
                    }
                    kept = Map.copyOf(all);
                })
                .replaceWithVoid();
    }

    /** The procedure as its file reads, or as it was last read where its file is gone; empty for one never read. */
    public Optional<ProcedurePolicy> find(String procedureId) {
        return files.find(procedureId).or(() -> Optional.ofNullable(kept.get(procedureId)));
    }

    /** The informal front every procedure's process shares. */
    public ProcedurePolicy informalResolution() {
        return files.informalResolution();
    }
}
