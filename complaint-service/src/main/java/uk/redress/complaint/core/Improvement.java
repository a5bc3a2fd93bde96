package uk.redress.complaint.core;

import java.time.LocalDate;
import java.util.Optional;

/** A service improvement agreed because of a complaint, as it stands. */
public record Improvement(int number, String action, String owner, LocalDate agreedOn, LocalDate dueOn,
                         Optional<LocalDate> completedOn) {

    Improvement completed(LocalDate day) {
        return new Improvement(number, action, owner, agreedOn, dueOn, Optional.of(day));
    }
}
