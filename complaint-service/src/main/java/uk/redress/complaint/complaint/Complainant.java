package uk.redress.complaint.complaint;

/** The person who complains: a parent, carer, young person or professional. */
public record Complainant(String name, String email) {
}
