package uk.redress.complaint.core;


/**
 * The complaint is done: its final response was sent, the complainant did not ask for the next stage, or a comment or
 * compliment was passed on. Its process ends; the route to the Ombudsman stays open.
 */
public record Closed(@PersonalData String reason) implements ComplaintEvent {

    /** The reason recorded when the last stage's response closes the complaint by itself. */
    public static final String FINAL_RESPONSE = "The final response was sent: the procedure has no further stage.";
}
