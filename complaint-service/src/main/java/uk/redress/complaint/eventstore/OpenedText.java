package uk.redress.complaint.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * Text of a stored event as Jackson reads it, a personal field (see {@link PersonalFields}) passed through the opener
 * the reader carries as the attribute {@link #OPENER}: so a payload is read once, straight into its record, rather than
 * into a tree that is opened and then read into the record (which was half of folding's time in a rebuild). Without an
 * opener, a personal field is read as stored, sealed.
 */
final class OpenedText extends StdDeserializer<String> implements ContextualDeserializer {

    static final String OPENER = OpenedText.class.getName() + ".opener";

    private static final OpenedText PLAIN = new OpenedText(false);
    private static final OpenedText PERSONAL = new OpenedText(true);

    private final boolean personal;

    private OpenedText(boolean personal) {
        super(String.class);
        this.personal = personal;
    }

    static OpenedText plain() {
        return PLAIN;
    }

    /** Personal when the property is a record component marked as personal data; found once per property. */
    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
        boolean personalProperty = property != null && property.getMember() != null
                && PersonalFields.isPersonal(property.getMember().getDeclaringClass(), property.getName());
        return personalProperty ? PERSONAL : PLAIN;
    }

    @Override
    @SuppressWarnings("unchecked")
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = StringDeserializer.instance.deserialize(parser, context);
        if (!personal || text == null) {
            return text;
        }
        UnaryOperator<String> opener = (UnaryOperator<String>) context.getAttribute(OPENER);
        return opener == null ? text : opener.apply(text);
    }
}
