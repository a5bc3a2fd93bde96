package uk.redress.complaint.core;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The handler asked for more information, to the complainant or someone else. The procedures do not stop their clocks
 * for it: an answer that comes too late for the due date is a reason for an extension.
 *
 * @param askedOf   who was asked, for example the complainant or the school
 * @param question  what was asked, as sent
 * @param answerBy  the date the answer was asked for, where one was given
 */
public record InformationRequested(@PersonalData String askedOf, @PersonalData String question,
                                   Optional<LocalDate> answerBy)
        implements ComplaintEvent {

    public InformationRequested {
        answerBy = answerBy == null ? Optional.empty() : answerBy;
    }
}
