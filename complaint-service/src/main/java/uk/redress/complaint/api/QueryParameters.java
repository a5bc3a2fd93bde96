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
        if (absent(value)) {
            return DEFAULT_LIMIT;
        }
        String rule = "must be a whole number from 1 to " + MAX_LIMIT;
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidParameterException("limit", rule + ", was " + limit);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("limit", rule + ", was '" + value + "'");
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
