package uk.redress.complaint.access;

/**
 * The roles a token can carry (its {@code groups} claim). Each endpoint allows the fewest that need it; the README's
 * table lists them.
 */
public final class Roles {

    /** A council case system (CRM, case management) of one organisation, calling the API. */
    public static final String CASE_SYSTEM = "case-system";
    /** Works the tasks of complaints: acknowledges, investigates, responds. */
    public static final String CASEWORKER = "caseworker";
    /** Runs the procedure: everything a caseworker does, plus intake, escalation, closure and the Ombudsman. */
    public static final String COMPLAINTS_OFFICER = "complaints-officer";
    /** Oversees the team: sees every complaint and task of the organisation and reassigns work. */
    public static final String MANAGER = "manager";
    /** Runs the service: rebuilds read models. Reads no complaint. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
