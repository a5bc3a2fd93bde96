package uk.redress.complaint.incident;

/** The incident is resolved already: there is nothing to retry. */
public class IncidentResolvedException extends RuntimeException {
    public IncidentResolvedException(Incidents.Noted incident) {
        super("Incident " + incident.incidentKey() + " was resolved at " + incident.resolvedAt()
                + (incident.retriedBy() == null ? " in the engine" : " by " + incident.retriedBy() + "'s retry"));
    }
}
