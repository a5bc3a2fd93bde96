package uk.redress.complaint.core;

import java.time.LocalDate;

/**
 * The complainant took the complaint to the Ombudsman (the Local Government and Social Care Ombudsman), which told
 * the organisation.
 *
 * @param ombudsmanReference the Ombudsman's own case reference
 */
public record OmbudsmanReferred(LocalDate referredOn, String ombudsmanReference) implements ComplaintEvent {
}
