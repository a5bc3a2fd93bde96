package uk.redress.complaint.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The query parameters the lists share, checked: a bad one is refused naming it and its rule, before any query runs.
 * An absent or blank parameter is empty.
 */
public final class QueryParameters {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private QueryParameters() {
    }

    /** The page size: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    public static int limit(String value) {
        return count("limit", value, MAX_LIMIT, DEFAULT_LIMIT);
    }

    /** A whole number from 1 to {@code max}; {@code absentValue} when absent. */
    public static int count(String name, String value, int max, int absentValue) {
        if (absent(value)) {
            return absentValue;
        }
        String rule = "must be a whole number from 1 to " + max;
        try {
            int count = Integer.parseInt(value.trim());
            if (count < 1 || count > max) {
                throw new InvalidParameterException(name, rule + ", was " + count);
            }
            return count;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, rule + ", was '" + value + "'");
        }
    }

    public static Optional<LocalDate> date(String name, String value) {
        if (absent(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, "must be a date (YYYY-MM-DD), was '" + value + "'");
        }
    }

    public static Optional<Boolean> flag(String name, String value) {
        if (absent(value)) {
            return Optional.empty();
        }
        return switch (value.trim()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new InvalidParameterException(name, "must be true or false, was '" + value + "'");
        };
    }

    public static boolean absent(String value) {
        return value == null || value.isBlank();
    }
}
