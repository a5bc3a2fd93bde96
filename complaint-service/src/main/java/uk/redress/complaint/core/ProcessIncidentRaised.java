package uk.redress.complaint.core;

/**
 * The engine stopped the complaint's process: an incident (a job that failed with no retries left, an expression
 * that could not be evaluated) holds it at {@code elementId} until someone fixes the cause and retries it. Recorded
 * once per incident, by the service's incident watch; the organisation's admins are emailed.
 *
 * @param incidentKey  the engine's key of the incident
 * @param errorType    the engine's kind of incident, such as {@code JOB_NO_RETRIES}
 * @param errorMessage what the engine or the failing worker said: technical, since the engine holds no personal data
 *                     (the summary in its variables is sealed)
 */
public record ProcessIncidentRaised(long incidentKey, String elementId, String errorType, String errorMessage)
        implements ComplaintEvent {
}
