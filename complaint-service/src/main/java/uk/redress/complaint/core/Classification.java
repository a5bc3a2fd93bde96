package uk.redress.complaint.core;

import java.util.List;
import java.util.Optional;

/**
 * What a complaint is about and who brought it, as reports count them: set at intake, or by a caseworker later. No
 * personal data: codes from the organisation's lists ({@link Categories}) and the Children Act report's categories.
 *
 * @param serviceArea     the service complained about, from the organisation's list
 * @param themes          what went wrong, from the organisation's list
 * @param complainantRole who made the complaint, as the Children Act 1989 procedure's report counts them
 * @param advocacy        whether advocacy was offered and taken up (the Children Act procedure)
 */
public record Classification(Optional<String> serviceArea, List<String> themes,
                             Optional<ComplainantRole> complainantRole, Optional<Advocacy> advocacy) {

    public static final Classification NONE =
            new Classification(Optional.empty(), List.of(), Optional.empty(), Optional.empty());

    public Classification {
        serviceArea = serviceArea == null ? Optional.empty() : serviceArea;
        themes = themes == null ? List.of() : List.copyOf(themes);
        complainantRole = complainantRole == null ? Optional.empty() : complainantRole;
        advocacy = advocacy == null ? Optional.empty() : advocacy;
    }

    /** Who made the complaint. */
    public enum ComplainantRole { CHILD, PARENT_OR_CARER, ADVOCATE, OTHER }

    /** Advocacy for a child or young person who complains. */
    public enum Advocacy { NOT_OFFERED, OFFERED_NOT_TAKEN_UP, TAKEN_UP }
}
