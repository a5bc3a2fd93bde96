package uk.redress.complaint.core;

import java.util.List;
import java.util.Map;
import uk.redress.workflow.calendar.Deadline;

/**
 * The complainant was told their complaint (or stage request) arrived, and what happens next.
 *
 * @param letter what the complainant was sent
 */
public record Acknowledged(String stage, @PersonalData String letter, List<String> clocksMet,
                           Map<String, Deadline> deadlinesStarted) implements StepRecorded {

    public static final String STEP = "acknowledge";

    public Acknowledged {
        clocksMet = List.copyOf(clocksMet);
        deadlinesStarted = Map.copyOf(deadlinesStarted);
    }

    @Override
    public String step() {
        return STEP;
    }
}
