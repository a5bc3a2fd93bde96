package uk.redress.complaint.incident;

/** No incident of the caller's organisation has the key asked for. */
public class IncidentNotFoundException extends RuntimeException {
    public IncidentNotFoundException(long incidentKey) {
        super("No incident " + incidentKey);
    }
}
