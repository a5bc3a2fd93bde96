package uk.redress.notification.letter;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import uk.redress.notification.personaldata.ComplainantKey;

/**
 * What the letters need from the complaint's earlier events: later events name only the complaint.
 *
 * @param complainantId whose key seals {@code name}, {@code email} and {@code summary}; empty for a complaint from
 *                      before complainant ids, whose contact came, and is kept, in the clear
 * @param name          as the receipt carried it: sealed, opened only to write a letter
 * @param stage         the stage the complaint is at
 * @param deadlines     each clock's current due date, by clock id
 */
public record ComplainantContact(String complaintId, Optional<UUID> complainantId, String reference, String procedure,
                                 String name, String email, String summary, String stage,
                                 Map<String, LocalDate> deadlines) {

    public ComplainantContact {
        deadlines = Map.copyOf(deadlines);
    }

    public ComplainantContact atStage(String newStage) {
        return new ComplainantContact(complaintId, complainantId, reference, procedure, name, email, summary, newStage,
                deadlines);
    }

    /** With these due dates added or moved, and the met clocks no longer pending. */
    public ComplainantContact withDeadlines(Map<String, LocalDate> started, List<String> met) {
        Map<String, LocalDate> updated = new HashMap<>(deadlines);
        met.forEach(updated::remove);
        updated.putAll(started);
        return new ComplainantContact(complaintId, complainantId, reference, procedure, name, email, summary, stage,
                updated);
    }

    /** With the name, address and summary opened, to write one letter; never stored. */
    public ComplainantContact openedWith(ComplainantKey key) {
        return new ComplainantContact(complaintId, complainantId, reference, procedure, key.open(name),
                key.open(email), key.open(summary), stage, deadlines);
    }
}
