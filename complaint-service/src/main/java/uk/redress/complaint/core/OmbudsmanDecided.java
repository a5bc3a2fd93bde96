package uk.redress.complaint.core;

import java.time.LocalDate;

/**
 * The Ombudsman's decision on a referred complaint, as the Ombudsman's annual letter counts it.
 *
 * @param remedy what the Ombudsman recommended the organisation do, where anything
 */
public record OmbudsmanDecided(LocalDate decidedOn, Decision decision, @PersonalData String summary,
                               @PersonalData String remedy)
        implements ComplaintEvent {

    /** The Ombudsman's outcomes. */
    public enum Decision {
        /** Sent back: the organisation's own procedure had not finished. */
        REFERRED_BACK_FOR_LOCAL_RESOLUTION,
        /** Closed after initial enquiries, without an investigation. */
        CLOSED_AFTER_INITIAL_ENQUIRIES,
        /** Investigated: fault found. */
        UPHELD,
        /** Investigated: no fault. */
        NOT_UPHELD
    }
}
