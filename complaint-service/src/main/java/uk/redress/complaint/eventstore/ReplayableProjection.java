package uk.redress.complaint.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.List;
import uk.redress.complaint.core.Complaint;

/**
 * A projection that can be built again from the event store alone ({@link ProjectionRebuild}): its tables are emptied
 * and every complaint's state, folded from its events, written to them anew.
 *
 * <p>Its writes must commute with the live appends' while a rebuild runs: each row carries the version of the state
 * it was written from, and a write applies only over an older version.
 */
public interface ReplayableProjection extends Projection {

    /** Its name in the API and the checkpoint, for example {@code complaint-summary}. */
    String name();

    /** What a person calls it, for the log: "the complaint list". */
    String description();

    /** The tables it writes, emptied before a rebuild. */
    List<String> tables();

    /** Writes many complaints' rows in few round trips, on the rebuild's connection and in its transaction. */
    Uni<Void> applyAll(SqlConnection connection, List<Replayed> complaints);

    /** A complaint's state folded from its events, and when the latest of them occurred. */
    record Replayed(Complaint state, Instant lastEventAt) {
    }
}
