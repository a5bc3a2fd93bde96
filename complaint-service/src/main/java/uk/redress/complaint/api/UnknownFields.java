package uk.redress.complaint.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every field a request body has and its request does not, named in one answer. Jackson stops at the first unknown
 * field; a caller who misspelt three would learn of them one request at a time. Here the outermost object being read
 * notes each unknown field it or any object inside it meets, skips its value, and once the whole body is read refuses
 * it with all of them ({@link UnknownFieldsException}). Any other error in the body still stops the reading where it
 * is, and is named with the unknown fields met before it. A request is a record, whose reader keeps its unknown fields
 * until it has read the known ones: so they are met after those, and after any object inside it.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    /** A field the request does not have: where it is in the body, and the fields the object there does have. */
    record UnknownField(String field, List<String> knownFields) {
    }

    /**
     * The body's unknown fields, in the order they were met, and the error that stopped the reading after them if one did
     * (a value of the wrong type, say), so that it is named with them.
     */
    static final class UnknownFieldsException extends MismatchedInputException {

        private final transient List<UnknownField> fields;
        private final MismatchedInputException stoppedBy;

        UnknownFieldsException(JsonParser parser, List<UnknownField> fields, MismatchedInputException stoppedBy) {
            super(parser, "fields the request does not have: "
                    + String.join(", ", fields.stream().map(UnknownField::field).toList()));
            this.fields = List.copyOf(fields);
            this.stoppedBy = stoppedBy;
        }

        List<UnknownField> fields() {
            return fields;
        }

        Optional<MismatchedInputException> stoppedBy() {
            return Optional.ofNullable(stoppedBy);
        }
    }

    /** The module that does it: each object's reader wrapped so the outermost one refuses, each unknown field noted. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("redress-unknown-fields") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addDeserializationProblemHandler(new Noting());
            }
        };
        return module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return deserializer instanceof BeanDeserializerBase ? new Outermost(deserializer) : deserializer;
            }
        });
    }

    /** The unknown fields of the body being read: a per-read attribute, set by the outermost object. */
    private static final class Found {
        final List<UnknownField> fields = new ArrayList<>();
    }

    private static final class Outermost extends DelegatingDeserializer {

        Outermost(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Outermost(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (context.getAttribute(Found.class) != null) {
                return _delegatee.deserialize(parser, context);
            }
            Found found = new Found();
            context.setAttribute(Found.class, found);
            Object value;
            try {
                value = _delegatee.deserialize(parser, context);
            } catch (MismatchedInputException stopped) {
                if (found.fields.isEmpty()) {
                    throw stopped;
                }
                throw new UnknownFieldsException(parser, found.fields, stopped);
            } finally {
                context.setAttribute(Found.class, null);
            }
            if (!found.fields.isEmpty()) {
                throw new UnknownFieldsException(parser, found.fields, null);
            }
            return value;
        }
    }

    private static final class Noting extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName)
                throws IOException {
            if (!(context.getAttribute(Found.class) instanceof Found found)) {
                // Not inside an object this module wraps: Jackson refuses the field itself.
                return false;
            }
            Collection<Object> known = deserializer.getKnownPropertyNames();
            found.fields.add(new UnknownField(pathOf(parser, propertyName),
                    known == null ? List.of() : known.stream().map(Objects::toString).sorted().toList()));
            parser.skipChildren();
            return true;
        }

        /** Where the field is, as the rest of the API names a field: {@code complainant.name}, {@code themes[2]}. */
        private static String pathOf(JsonParser parser, String propertyName) {
            JsonStreamContext context = parser.getParsingContext();
            // On an object or array value the parser has already entered it: its field is named one level up.
            if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY) {
                context = context.getParent();
            }
            List<String> parts = new ArrayList<>();
            parts.add(propertyName);
            for (JsonStreamContext level = context.getParent(); level != null && !level.inRoot();
                 level = level.getParent()) {
                parts.addFirst(level.inArray() ? "[" + level.getCurrentIndex() + "]" : level.getCurrentName());
            }
            StringBuilder path = new StringBuilder();
            for (String part : parts) {
                if (!path.isEmpty() && !part.startsWith("[")) {
                    path.append('.');
                }
                path.append(part);
            }
            return path.toString();
        }
    }
}
