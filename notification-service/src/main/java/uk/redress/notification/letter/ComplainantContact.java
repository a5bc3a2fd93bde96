package uk.redress.notification.letter;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the letters need from the complaint's earlier events: later events name only the complaint.
 *
 * @param stage     the stage the complaint is at
 * @param deadlines each clock's current due date, by clock id
 */
public record ComplainantContact(String complaintId, String reference, String procedure, String name, String email,
                                 String summary, String stage, Map<String, LocalDate> deadlines) {

    public ComplainantContact {
        deadlines = Map.copyOf(deadlines);
    }

    public ComplainantContact atStage(String newStage) {
        return new ComplainantContact(complaintId, reference, procedure, name, email, summary, newStage, deadlines);
    }

    /** With these due dates added or moved, and the met clocks no longer pending. */
    public ComplainantContact withDeadlines(Map<String, LocalDate> started, List<String> met) {
        Map<String, LocalDate> updated = new HashMap<>(deadlines);
        met.forEach(updated::remove);
        updated.putAll(started);
        return new ComplainantContact(complaintId, reference, procedure, name, email, summary, stage, updated);
    }
}
