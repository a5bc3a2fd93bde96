package uk.redress.complaint.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * Dates and instants of stored events, read in the one form the service writes them ({@code 2026-12-03},
 * {@code 2026-12-03T00:00:00Z}, {@code 2026-12-03T09:15:02.123456Z}) by their digits' positions rather than through
 * java.time's formatters, which were a sixth of a rebuild's folding. Any other text goes to Jackson's own
 * deserializers, so what they read, and how they refuse, is unchanged.
 */
final class StoredDates {

    private StoredDates() {
    }

    static SimpleModule module() {
        return new SimpleModule("redress-stored-dates")
                .addDeserializer(LocalDate.class,
                        new ByPosition<>(LocalDate.class, StoredDates::date, LocalDateDeserializer.INSTANCE))
                .addDeserializer(Instant.class,
                        new ByPosition<>(Instant.class, StoredDates::instant, InstantDeserializer.INSTANT));
    }

    /** {@code yyyy-MM-dd}, or null when the text is not exactly that. */
    static LocalDate date(String text) {
        return text.length() == 10 ? leadingDate(text) : null;
    }

    /** The {@code yyyy-MM-dd} {@code text} begins with, or null; it holds at least ten characters. */
    private static LocalDate leadingDate(String text) {
        if (text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f to fffffffff]Z}, or null when the text is not exactly that. */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return null;
        }
        LocalDate day = leadingDate(text);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (day == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(text, 20, length - 1);
            if (nanos < 0) {
                return null;
            }
            for (int scale = fractionDigits; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        return Instant.ofEpochSecond(day.toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number of {@code text}'s characters from {@code from} to {@code to}; -1 if one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Text {@code byPosition} reads, read so; anything else read as Jackson's own deserializer reads it. */
    private static final class ByPosition<T> extends StdScalarDeserializer<T> {
        private final Function<String, T> byPosition;
        private final JsonDeserializer<T> jacksons;

        ByPosition(Class<T> type, Function<String, T> byPosition, JsonDeserializer<T> jacksons) {
            super(type);
            this.byPosition = byPosition;
            this.jacksons = jacksons;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                T value = byPosition.apply(parser.getText());
                if (value != null) {
                    return value;
                }
            }
            return jacksons.deserialize(parser, context);
        }
    }
}
