package uk.redress.complaint.core;

import java.util.UUID;

/**
 * Who records an event and why: carried by every event, so the history shows each actor and what led to each change.
 *
 * @param recordedBy    the actor: the signed-in user or case system, or the part of Redress that saw it happen
 * @param correlationId the request or conversation the event belongs to
 * @param causationId   the event or command that caused it, where there is one
 */
public record EventContext(String recordedBy, UUID correlationId, UUID causationId) {

    /** Recorded by Redress itself on what it saw happen, such as a deadline lapsing. */
    public static EventContext system(String watcher, UUID correlationId) {
        return new EventContext(watcher, correlationId, null);
    }
}
