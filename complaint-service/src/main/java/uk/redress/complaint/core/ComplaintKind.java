package uk.redress.complaint.core;

/**
 * What a person raised. Seed 003's triage comes first: where there is a right of appeal a complaint cannot change the
 * decision, and unfair treatment because of disability is a discrimination claim; both are signposted, not handled
 * under the procedure. Comments and compliments are passed on and recorded, with no deadline.
 */
public enum ComplaintKind {
    COMPLAINT,
    COMMENT,
    COMPLIMENT,
    APPEAL,
    DISCRIMINATION_CLAIM;

    /** Comments and compliments go to the procedure's feedback groups. */
    public boolean isFeedback() {
        return this == COMMENT || this == COMPLIMENT;
    }

    /** Appeals and discrimination claims are pointed elsewhere, with no process. */
    public boolean isSignposted() {
        return this == APPEAL || this == DISCRIMINATION_CLAIM;
    }

    /**
     * Where a signposted concern goes instead (seed 003 and the Ombudsman's guidance), as the complainant is told.
     */
    public String signposting() {
        return switch (this) {
            case APPEAL -> "A complaint cannot change this decision: use the right of appeal named in the decision "
                    + "letter (for example to the First-tier Tribunal (Special Educational Needs and Disability) "
                    + "against a refused needs assessment or the contents of an EHC plan, or to an independent review "
                    + "panel against a permanent exclusion).";
            case DISCRIMINATION_CLAIM -> "Unfair treatment because of disability is a disability discrimination "
                    + "complaint or claim: against a school, to the First-tier Tribunal (Special Educational Needs and "
                    + "Disability); against the council or another provider, under the Equality Act 2010.";
            case COMPLAINT, COMMENT, COMPLIMENT -> throw new IllegalStateException(this + " is not signposted");
        };
    }
}
