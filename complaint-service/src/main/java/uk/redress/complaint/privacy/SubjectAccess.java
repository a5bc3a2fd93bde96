package uk.redress.complaint.privacy;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.eventstore.PersonalDataKeys;
import uk.redress.complaint.handling.ComplaintService;

/**
 * A subject access request: everything the complaint service holds about one complainant, their complaints with every
 * event (personal fields opened while their key lasts) and every read of their personal data. The export is itself a
 * read, and recorded as one.
 */
@ApplicationScoped
public class SubjectAccess {

    private static final int ALL_READS = 10_000;

    /** One complaint of theirs and its whole history. */
    public record HeldComplaint(Complaint complaint, List<RecordedEvent> events) {
    }

    /** @param erasedAt when their personal data was erased; empty while it is held */
    public record Held(UUID complainantId, Instant exportedAt, Optional<Instant> erasedAt,
                       List<HeldComplaint> complaints, List<PersonalDataReads.Read> reads) {
    }

    private final PersonalDataErasure erasure;
    private final ComplaintService complaints;
    private final PersonalDataReads reads;
    private final PersonalDataKeys keys;
    private final Clock clock;

    public SubjectAccess(PersonalDataErasure erasure, ComplaintService complaints, PersonalDataReads reads,
                         PersonalDataKeys keys, Clock clock) {
        this.erasure = erasure;
        this.complaints = complaints;
        this.reads = reads;
        this.keys = keys;
        this.clock = clock;
    }

    /** What is held about a complainant of the caller's organisation. */
    public Uni<Held> export(Caller caller, UUID complainantId) {
        return keys.erasedAt(complainantId, caller.organisation())
                .chain(erasedAt -> erasure.complaintsOf(complainantId)
                        .chain(ids -> Multi.createFrom().iterable(ids)
                                .onItem().transformToUniAndConcatenate(id -> complaints.history(id)
                                        .map(events -> new HeldComplaint(Complaint.replay(events).orElseThrow(),
                                                events))
                                        .call(held -> reads.record(caller, held.complaint(),
                                                "subject access export")))
                                .collect().asList())
                        .chain(held -> reads.find(caller.organisation(), Optional.of(complainantId),
                                        Optional.empty(), Optional.empty(), ALL_READS)
                                .map(found -> new Held(complainantId, clock.instant(), erasedAt, held, found))));
    }
}
