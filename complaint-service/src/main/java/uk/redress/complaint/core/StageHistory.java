package uk.redress.complaint.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * How one stage of a complaint went, as reports count it; its deadlines are the complaint's, by the stage's clocks.
 *
 * @param startedOn   the day the stage started: receipt for the first, the request for a later one
 * @param respondedOn the day the stage's response was sent
 * @param outcome     the response's finding
 * @param remedies    what the response offered
 * @param escalated   the complainant asked for the next stage
 * @param payment     what the response paid, in pounds
 */
public record StageHistory(String stage, LocalDate startedOn, Optional<LocalDate> respondedOn,
                           Optional<Responded.Outcome> outcome, List<Responded.Remedy> remedies, boolean escalated,
                           Optional<BigDecimal> payment) {

    public StageHistory {
        remedies = List.copyOf(remedies);
    }

    static StageHistory startedOn(String stage, LocalDate day) {
        return new StageHistory(stage, day, Optional.empty(), Optional.empty(), List.of(), false, Optional.empty());
    }

    StageHistory responded(LocalDate day, Responded response) {
        return new StageHistory(stage, startedOn, Optional.of(day), Optional.of(response.outcome()),
                response.remedies(), escalated, response.paymentAmount());
    }

    StageHistory escalatedOnwards() {
        return new StageHistory(stage, startedOn, respondedOn, outcome, remedies, true, payment);
    }
}
