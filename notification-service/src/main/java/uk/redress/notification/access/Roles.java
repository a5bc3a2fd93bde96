package uk.redress.notification.access;

/** The roles a token can carry (its {@code groups} claim) that this service's API admits. */
public final class Roles {

    /** A council case system (CRM, case management) of one organisation, calling the API. */
    public static final String CASE_SYSTEM = "case-system";
    /** Runs the procedure, and answers the complainant's questions about what was sent. */
    public static final String COMPLAINTS_OFFICER = "complaints-officer";
    /** Oversees the team: sees what was sent about every complaint of the organisation. */
    public static final String MANAGER = "manager";

    private Roles() {
    }
}
