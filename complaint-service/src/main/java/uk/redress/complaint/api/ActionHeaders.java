package uk.redress.complaint.api;

import java.util.Optional;
import java.util.UUID;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.core.EventContext;

/** The headers an action carries: {@code If-Match} (the version acted on) and {@code X-Correlation-Id}. */
public final class ActionHeaders {

    public static final String CORRELATION_ID = "X-Correlation-Id";

    private ActionHeaders() {
    }

    /** The version in an {@code If-Match} header ({@code "3"}, {@code W/"3"}); empty without one, or for *. */
    public static Optional<Integer> expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return Optional.empty();
        }
        String tag = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Optional.of(Integer.parseInt(tag));
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("If-Match",
                    "must be the ETag of what it changes, for example \"3\", was " + ifMatch);
        }
    }

    /** The context of the events a request records: the caller, and its correlation id or a new one. */
    public static EventContext context(Caller caller, String correlationId) {
        if (correlationId == null || correlationId.isBlank()) {
            return caller.context(UUID.randomUUID());
        }
        try {
            return caller.context(UUID.fromString(correlationId.trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(CORRELATION_ID, "must be a UUID, was '" + correlationId + "'");
        }
    }
}
