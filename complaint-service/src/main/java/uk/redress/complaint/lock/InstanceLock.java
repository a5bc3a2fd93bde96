package uk.redress.complaint.lock;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.function.Supplier;

/**
 * The PostgreSQL advisory locks that keep work single across the service's instances, which share one database.
 * Each is a transaction's lock: held while its work runs, and let go however the work ends, also when the instance
 * dies.
 */
public enum InstanceLock {

    /**
     * Held by the engine relay while it dispatches a batch, and by the recovery while the engine is checked and a loss
     * taken over: no start the relay sends can fall between the recovery's list of complaints and the processes'
     * deployment.
     */
    ENGINE(0x7265647265737331L),
    /** The deadline watch: two would race to record the same lapses. */
    DEADLINE_WATCH(0x7265647265737332L),
    /** The relay to Kafka: two would send the same rows, and could send a complaint's events out of order. */
    KAFKA_RELAY(0x7265647265737333L),
    /** The retention rule: two would race to erase the same complainants. */
    RETENTION(0x7265647265737334L),
    /** The incident watch: two would record the same incident twice on its complaint's history. */
    INCIDENT_WATCH(0x7265647265737335L),
    /** Records the procedures' new versions at start: two instances starting at once record each version once. */
    PROCEDURE_VERSIONS(0x7265647265737336L);

    private final long key;

    InstanceLock(long key) {
        this.key = key;
    }

    /** Waits for the lock, then holds it until {@code connection}'s transaction ends. */
    public Uni<Void> takeFor(SqlConnection connection) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(key)).replaceWithVoid();
    }

    /**
     * Runs {@code work} holding the lock, or answers {@code whenHeldElsewhere} at once while another instance's work
     * holds it. The work may use connections of its own: the lock is held by a transaction open until it ends.
     */
    public <T> Uni<T> runAlone(Pool database, Supplier<Uni<T>> work, T whenHeldElsewhere) {
        return database.withTransaction(connection -> connection.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(key))
                .chain(taken -> taken.iterator().next().getBoolean(0) ? work.get()
                        : Uni.createFrom().item(whenHeldElsewhere)));
    }
}
