package uk.redress.complaint.core;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.redress.workflow.calendar.Deadline;

/**
 * The stage's response was sent.
 *
 * @param outcome                whether the complaint was upheld
 * @param remedies               what the organisation does about it
 * @param letter                 what the complainant was sent
 * @param nextStageRequestWindow until when the complainant can ask for the next stage, where there is a limit
 * @param paymentAmount          the amount paid, in pounds, where a remedy is a payment
 */
public record Responded(String stage, String step, Outcome outcome, List<Remedy> remedies, @PersonalData String letter,
                        List<String> clocksMet, Optional<Deadline> nextStageRequestWindow,
                        Optional<BigDecimal> paymentAmount) implements StepRecorded {

    public Responded {
        remedies = List.copyOf(remedies);
        clocksMet = List.copyOf(clocksMet);
        nextStageRequestWindow = nextStageRequestWindow == null ? Optional.empty() : nextStageRequestWindow;
        paymentAmount = paymentAmount == null ? Optional.empty() : paymentAmount;
    }

    @Override
    public Map<String, Deadline> deadlinesStarted() {
        return Map.of();
    }

    /** The finding on the complaint. */
    public enum Outcome { UPHELD, PARTLY_UPHELD, NOT_UPHELD }

    /**
     * The outcomes a response may offer (Durham's list, which the Ombudsman's guidance shares), and a payment, whose
     * amount the response records.
     */
    public enum Remedy { EXPLANATION, APOLOGY, PRACTICAL_ACTION, CHANGE, REVIEW_OF_PRACTICE, PAYMENT }
}
