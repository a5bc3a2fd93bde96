package uk.redress.notification.access;

/**
 * Who is calling, from the verified token.
 *
 * @param id           the user or client id (the token's {@code upn}, {@code preferred_username} or {@code sub})
 * @param organisation the organisation whose complaints the caller may reach
 */
public record Caller(String id, String organisation) {
}
