package uk.redress.complaint.report;

/**
 * The sections of the Ombudsman's Complaint Handling Code a council assesses itself against each year, in the Code's
 * order, each with what it asks.
 */
public enum CodeSection {
    DEFINITIONS("Definitions", "A complaint is told apart from a service request, and a request is not turned away "
            + "as one."),
    EXCLUSIONS("Exclusions", "A complaint is refused only for a reason the Code allows, the complainant is told why "
            + "and where else to go."),
    ACCESSIBILITY_AND_AWARENESS("Accessibility and awareness", "The procedure is easy to find and to use, in more "
            + "than one way, with reasonable adjustments made."),
    COMPLAINT_HANDLING_RESOURCES("Complaint handling resources", "A complaints officer has the authority, the time "
            + "and the training to handle complaints."),
    THE_PROCESS("The complaint handling process", "One procedure of two stages, the complaint defined and "
            + "acknowledged, the complainant kept informed."),
    COMPLAINT_STAGES("Complaint stages", "Stage 1 and stage 2 acknowledged within 5 working days and answered within "
            + "10 and 20, extensions only with reasons."),
    PUTTING_THINGS_RIGHT("Putting things right", "Where something went wrong it is acknowledged and put right, with "
            + "a remedy in proportion."),
    SELF_ASSESSMENT_AND_REPORTING("Self-assessment, reporting and compliance", "This assessment and the annual "
            + "performance report are made, go to the governing body and are published with its response."),
    SCRUTINY_AND_OVERSIGHT("Scrutiny and oversight", "A member of the governing body leads on complaints, and "
            + "learning from complaints reaches the services.");

    private final String title;
    private final String asks;

    CodeSection(String title, String asks) {
        this.title = title;
        this.asks = asks;
    }

    public String title() {
        return title;
    }

    /** What the section asks of the council, in brief. */
    public String asks() {
        return asks;
    }
}
