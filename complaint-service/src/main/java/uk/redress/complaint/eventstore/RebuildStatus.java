package uk.redress.complaint.eventstore;

import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How the last rebuild of a projection stands, as its checkpoint records it.
 *
 * @param eventsTotal while it runs, about as many events as the store held when it started (PostgreSQL's estimate, and
 *                    never fewer than applied); once done, the events applied
 */
@Schema(name = "RebuildStatus")
public record RebuildStatus(
        @Schema(examples = "complaint-summary") String projection,
        @Schema(enumeration = {"running", "done", "failed"}, examples = "running") String state,
        @Schema(examples = "250000") long eventsApplied,
        @Schema(description = "While it runs, an estimate of the events in the store (never fewer than applied); once "
                + "done, the events applied", examples = "1000000") long eventsTotal,
        @Schema(description = "eventsApplied of eventsTotal, to one decimal", examples = "25.0") double percent,
        Instant startedAt,
        @Schema(description = "Absent while it runs") Optional<Instant> finishedAt,
        @Schema(description = "Why it failed, when it did") Optional<String> error) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    static double percent(long applied, long total) {
        return total == 0 ? 100.0 : Math.min(100.0, Math.floor(1000.0 * applied / total) / 10);
    }
}
