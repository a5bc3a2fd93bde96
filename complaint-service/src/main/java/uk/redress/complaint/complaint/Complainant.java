package uk.redress.complaint.complaint;

import uk.redress.complaint.privacy.PersonalData;

/** The person who complains: a parent, carer, young person or professional. */
public record Complainant(@PersonalData String name, @PersonalData String email) {
}
