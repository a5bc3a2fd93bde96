package uk.redress.complaint.core;

import java.time.LocalDate;

/**
 * A service improvement the organisation agreed because of the complaint: the learning its annual report lists.
 *
 * @param number the improvement's number on this complaint, from 1
 * @param action what will change, in the organisation's words
 * @param owner  who sees it done: a team or post
 */
public record ImprovementAgreed(int number, String action, String owner, LocalDate dueOn) implements ComplaintEvent {
}
