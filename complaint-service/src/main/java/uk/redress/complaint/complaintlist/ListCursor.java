package uk.redress.complaint.complaintlist;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of the list ends, in its order (received on, newest first, then id): the next page starts after it.
 * Opaque to callers, so that the order can change without breaking their code.
 */
public record ListCursor(LocalDate receivedOn, UUID id) {

    private static final String VERSION = "v1";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + "|" + receivedOn + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when {@code text} is not a cursor this service wrote. */
    public static Optional<ListCursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                return Optional.empty();
            }
            return Optional.of(new ListCursor(LocalDate.parse(parts[1]), UUID.fromString(parts[2])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
