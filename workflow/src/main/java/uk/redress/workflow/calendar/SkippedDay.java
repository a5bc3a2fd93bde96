package uk.redress.workflow.calendar;

import java.time.LocalDate;

/** A day that did not count towards a deadline, and why: what a complainant checks when they dispute a date. */
public record SkippedDay(LocalDate date, String reason) {
}
