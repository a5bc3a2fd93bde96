package uk.redress.complaint.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The handler asked for more information, of the complainant or someone else. Most procedures do not stop their
 * clocks for it (an answer too late for the due date is a reason for an extension); where a procedure's clock pauses
 * for information, a request of the complainant stops it until the answer is recorded ({@link InformationReceived}).
 *
 * @param askedOf         who was asked, for example the complainant or the school
 * @param question        what was asked, as sent
 * @param answerBy        the date the answer was asked for, where one was given
 * @param ofComplainant   the complainant was asked: what stops a clock that pauses for information
 * @param clocksPaused    the clocks that stopped with the request
 */
public record InformationRequested(@PersonalData String askedOf, @PersonalData String question,
                                   Optional<LocalDate> answerBy, boolean ofComplainant, List<String> clocksPaused)
        implements ComplaintEvent {

    public InformationRequested {
        answerBy = answerBy == null ? Optional.empty() : answerBy;
        clocksPaused = clocksPaused == null ? List.of() : List.copyOf(clocksPaused);
    }
}
