package uk.redress.complaint.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A release of the service, as Maven numbers it ({@code 1.4.0}, {@code 1.5.0-rc1}, {@code 1.5.0-SNAPSHOT}), ordered
 * so that a later release is greater: numbers compare part by part ({@code 1.10} after {@code 1.9}, a missing part
 * counting as 0), and a release with a qualifier comes before the same numbers without one.
 */
public record Release(String name, List<Integer> numbers, String qualifier) implements Comparable<Release> {

    public Release {
        Objects.requireNonNull(name);
        numbers = List.copyOf(numbers);
    }

    public static Release of(String name) {
        String trimmed = name.strip();
        int dash = trimmed.indexOf('-');
        String numbered = dash < 0 ? trimmed : trimmed.substring(0, dash);
        List<Integer> numbers = new ArrayList<>();
        for (String part : numbered.split("\\.")) {
            if (!part.matches("\\d{1,9}")) {
                throw new IllegalArgumentException("A release is numbers separated by dots, with an optional "
                        + "qualifier after a dash (1.4.0, 1.5.0-rc1): '" + name + "' is not");
            }
            numbers.add(Integer.parseInt(part));
        }
        return new Release(trimmed, numbers, dash < 0 ? "" : trimmed.substring(dash + 1));
    }

    @Override
    public int compareTo(Release other) {
        for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
            int byNumber = Integer.compare(number(i), other.number(i));
            if (byNumber != 0) {
                return byNumber;
            }
        }
        if (qualifier.isEmpty() || other.qualifier.isEmpty()) {
            return Boolean.compare(qualifier.isEmpty(), other.qualifier.isEmpty());
        }
        return qualifier.compareToIgnoreCase(other.qualifier);
    }

    public boolean isNewerThan(Release other) {
        return compareTo(other) > 0;
    }

    private int number(int i) {
        return i < numbers.size() ? numbers.get(i) : 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
