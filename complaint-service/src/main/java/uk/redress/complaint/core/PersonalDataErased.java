package uk.redress.complaint.core;

import java.util.UUID;

/**
 * The complainant's personal data was erased: their key is destroyed, so every personal field of every event of theirs
 * reads as erased from now on. Recorded on each of their complaints, so that the history says when and why, and so that
 * every consumer of {@code complaint-events} hears to drop its own copies.
 *
 * @param reason an erasure request, or the retention rule that ran it
 */
public record PersonalDataErased(UUID complainantId, String reason) implements ComplaintEvent {
}
