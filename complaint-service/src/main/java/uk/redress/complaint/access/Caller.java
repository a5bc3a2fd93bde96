package uk.redress.complaint.access;

import java.util.UUID;
import uk.redress.complaint.core.EventContext;

/**
 * Who is calling, from the verified token.
 *
 * @param id           the user or client id (the token's {@code upn}, {@code preferred_username} or {@code sub})
 * @param name         the name to show
 * @param organisation the organisation whose complaints the caller may reach
 */
public record Caller(String id, String name, String organisation) {

    /** The context of the events this caller's request records: the caller is the actor. */
    public EventContext context(UUID correlationId) {
        return new EventContext(id, correlationId, null);
    }
}
