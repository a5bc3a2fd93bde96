package uk.redress.notification.access;

import java.util.List;

/**
 * Whose a complaint is, as its receipt said.
 *
 * @param organisation   the organisation whose staff and case systems may reach it
 * @param staffConcerned the staff it is about (user ids): they may not see what was sent, nor be emailed its tasks
 */
public record RegisteredComplaint(String complaintId, String organisation, List<String> staffConcerned) {

    public RegisteredComplaint {
        staffConcerned = List.copyOf(staffConcerned);
    }

    /** Need to know: the complaint is of the caller's organisation and not about the caller. */
    public boolean visibleTo(Caller caller) {
        return organisation.equals(caller.organisation()) && !concerns(caller.id());
    }

    public boolean concerns(String userId) {
        return staffConcerned.contains(userId);
    }
}
