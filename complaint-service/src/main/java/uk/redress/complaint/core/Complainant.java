package uk.redress.complaint.core;


/** The person who complains: a parent, carer, young person or professional. */
public record Complainant(@PersonalData String name, @PersonalData String email) {
}
