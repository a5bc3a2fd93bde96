package uk.redress.complaint.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Locale;

/**
 * Request bodies are read as they are written, for every endpoint: no number taken for text or for one of a list of
 * names (a whole number is taken for a decimal), no text or number taken for true or false, no date made from a number, no field the request does not have,
 * and no text that PostgreSQL cannot store or a person cannot read (control characters, broken Unicode). Each is
 * refused with the field named (see {@link ProblemMappers}); every unknown field is named, not the first alone
 * ({@link UnknownFields}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        // Unknown fields are refused by quarkus.jackson.fail-on-unknown-properties, which Quarkus applies itself.
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.setDefaultLeniency(false);
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Enum, LogicalType.Boolean,
                LogicalType.Integer, LogicalType.Float, LogicalType.DateTime}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, coercion(type, LogicalType.Integer))
                    .setCoercion(CoercionInputShape.Float, coercion(type, LogicalType.Float))
                    .setCoercion(CoercionInputShape.Boolean, coercion(type, LogicalType.Boolean))
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual || type == LogicalType.Enum
                            || type == LogicalType.DateTime ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        mapper.registerModule(new SimpleModule("redress-strict-text").addDeserializer(String.class, new Text()));
        mapper.registerModule(UnknownFields.module());
    }

    /** A value of its own shape is read; of another, refused, but for a whole number where a decimal goes (250 pounds). */
    private static CoercionAction coercion(LogicalType target, LogicalType input) {
        boolean wholeForDecimal = target == LogicalType.Float && input == LogicalType.Integer;
        return target == input || wholeForDecimal ? CoercionAction.TryConvert : CoercionAction.Fail;
    }

    /** Text as JSON allows it, less what no person or database should be given. */
    static final class Text extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text == null) {
                return null;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                    throw new UnacceptableTextException(parser, "must not contain control characters, had U+"
                            + String.format(Locale.ROOT, "%04X", (int) c) + " at character " + (i + 1));
                }
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (paired) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new UnacceptableTextException(parser, "must be valid Unicode text, had a lone surrogate "
                            + "U+" + String.format(Locale.ROOT, "%04X", (int) c) + " at character " + (i + 1));
                }
            }
            return text;
        }
    }

    /** Text refused for what it contains; {@link #rule()} says what. */
    public static final class UnacceptableTextException extends MismatchedInputException {

        private final String rule;

        UnacceptableTextException(JsonParser parser, String rule) {
            super(parser, rule, String.class);
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }
}
