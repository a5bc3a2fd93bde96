package uk.redress.complaint.core;

/**
 * An admin retried the process after an incident ({@link ProcessIncidentRaised}), once its cause was fixed: the
 * engine resolved the incident and, for a failed job, offers the job again.
 */
public record ProcessIncidentRetried(long incidentKey) implements ComplaintEvent {
}
