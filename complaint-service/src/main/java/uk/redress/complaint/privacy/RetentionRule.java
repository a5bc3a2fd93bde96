package uk.redress.complaint.privacy;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.lock.InstanceLock;

/**
 * The retention rule: a complainant's personal data is kept until a set time (six years by default) after the last of
 * their complaints ended (closed, withdrawn or signposted), then erased exactly as an erasure request would, recorded
 * by {@code retention}. A complainant with any complaint still open is kept.
 */
@ApplicationScoped
public class RetentionRule {

    private final PersonalDataErasure erasure;
    private final Pool database;
    private final Clock clock;
    private final Period keepFor;

    public RetentionRule(PersonalDataErasure erasure, Pool database, Clock clock,
                         @ConfigProperty(name = "redress.retention.after-closure") Period keepFor) {
        this.erasure = erasure;
        this.database = database;
        this.clock = clock;
        this.keepFor = keepFor;
    }

    @Scheduled(every = "${redress.retention.check-every}", delayed = "${redress.retention.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return InstanceLock.RETENTION.runAlone(database, () -> eraseExpired(clock.instant()), List.of())
                .replaceWithVoid();
    }

    /** Erases every complainant whose time is up at {@code now}; answers whom it erased. */
    public Uni<List<UUID>> eraseExpired(Instant now) {
        Instant endedBefore = now.atZone(ZoneOffset.UTC).minus(keepFor).toInstant();
        String reason = "Retention: " + keepFor + " after the complainant's last complaint ended";
        return database.preparedQuery("""
                        SELECT s.complainant_id, min(s.organisation) FROM complaint_summary s
                        JOIN personal_data_key k ON k.complainant_id = s.complainant_id AND k.wrapped_key IS NOT NULL
                        GROUP BY s.complainant_id
                        HAVING bool_and(s.status <> 'OPEN') AND max(s.last_event_at) < $1""")
                .execute(Tuple.of(endedBefore.atOffset(ZoneOffset.UTC)))
                .chain(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndConcatenate(row -> erasure.erase(row.getUUID(0),
                                    row.getString(1), EventContext.system("retention", UUID.randomUUID()), reason))
                            .map(PersonalDataErasure.Erasure::complainantId)
                            .collect().asList();
                });
    }
}
