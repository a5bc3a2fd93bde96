package uk.redress.workflow.procedure;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import uk.redress.workflow.procedure.PolicyFileException.Problem;

/**
 * One policy file as read: its procedure, where the file reads as one, and its problems, each on the line of the
 * field it is about, so that a council finds it in its own file.
 */
final class PolicyFile {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Half a working day is a mistake, not a number to round down.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // A list left out is empty, for the rules to name; an empty entry in a list is a mistake of its own.
            .withConfigOverride(List.class, list -> list.setSetterInfo(JsonSetter.Value.construct(Nulls.AS_EMPTY,
                    Nulls.FAIL)))
            .build();

    private final String file;
    // The line of every field and list entry in the file, by its JSON pointer (/stages/1/clocks/0/workingDays).
    private final Map<String, Integer> lineByPointer;
    private final List<Problem> problems = new ArrayList<>();
    private final Optional<ProcedurePolicy> policy;

    private PolicyFile(String file, Map<String, Integer> lineByPointer, Optional<JsonNode> document) {
        this.file = file;
        this.lineByPointer = lineByPointer;
        this.policy = document.flatMap(this::procedureOf);
    }

    /**
     * Reads the file's tokens once, noting the line of each field, and the procedure they hold.
     *
     * @param file how problems name the file
     */
    static PolicyFile read(String file, byte[] content) {
        Map<String, Integer> lineByPointer = new HashMap<>();
        try (JsonParser parser = YAML.createParser(content)) {
            TokenBuffer tokens = new TokenBuffer(parser);
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (!token.isStructEnd() && !pointer.isEmpty()) {
                    lineByPointer.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
                }
                tokens.copyCurrentEvent(parser);
            }
            JsonNode document = YAML.readTree(tokens.asParser());
            // An empty file holds no document at all.
            return new PolicyFile(file, lineByPointer,
                    Optional.of(Objects.requireNonNullElse(document, MissingNode.getInstance())));
        } catch (JsonProcessingException e) {
            PolicyFile broken = new PolicyFile(file, lineByPointer, Optional.empty());
            broken.problems.add(notYaml(file, e));
            return broken;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy file " + file, e);
        }
    }

    /** The procedure, where the file reads as one; empty where it does not. */
    Optional<ProcedurePolicy> policy() {
        return policy;
    }

    /** Records that {@code field} ({@code stages[1].clocks[0].workingDays}) breaks {@code rule}. */
    void problem(String field, String rule) {
        problems.add(new Problem(file, lineOf(field), field, rule));
    }

    /** Whether the file gives {@code field} ({@code stages[1].clocks[0].workingDays}) at all. */
    boolean gives(String field) {
        return lineByPointer.containsKey(pointer(field));
    }

    /** Every problem, in the order of the file's lines. */
    List<Problem> problems() {
        return problems.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
    }

    /**
     * The procedure the document holds. A field it does not know, or a value it cannot take, is named and set aside
     * and the document read again, so that one reading names every such mistake. Only a field it does not know
     * leaves the procedure as the council meant it, for the rules to check.
     */
    private Optional<ProcedurePolicy> procedureOf(JsonNode document) {
        if (!(document instanceof ObjectNode fields)) {
            problem("", document.isMissingNode() || document.isNull() ? "the file is empty"
                    : "the file must hold a procedure's fields (id, name, stages...), not a list or a single value");
            return Optional.empty();
        }
        boolean everyValueTaken = true;
        while (true) {
            try {
                ProcedurePolicy policy = YAML.treeToValue(fields, ProcedurePolicy.class);
                return everyValueTaken ? Optional.of(policy) : Optional.empty();
            } catch (JsonProcessingException e) {
                List<Reference> path = e instanceof JsonMappingException mapping ? mapping.getPath() : List.of();
                problem(fieldOf(path), ruleBroken(e));
                everyValueTaken &= e instanceof UnrecognizedPropertyException;
                if (!setAside(fields, path)) {
                    return Optional.empty();
                }
            }
        }
    }

    /** Removes the field the path ends in, or the list holding the entry it ends in; false where there is none. */
    private static boolean setAside(ObjectNode document, List<Reference> path) {
        int last = path.size() - 1;
        while (last >= 0 && path.get(last).getFieldName() == null) {
            last--;
        }
        if (last < 0) {
            return false;
        }
        JsonNode parent = document;
        for (Reference step : path.subList(0, last)) {
            parent = step.getFieldName() != null ? parent.path(step.getFieldName()) : parent.path(step.getIndex());
        }
        return parent instanceof ObjectNode object && object.remove(path.get(last).getFieldName()) != null;
    }

    private static String fieldOf(List<Reference> path) {
        StringBuilder field = new StringBuilder();
        for (Reference step : path) {
            if (step.getFieldName() == null) {
                field.append('[').append(step.getIndex()).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
            }
        }
        return field.toString();
    }

    /** What Jackson found wrong, in words a council uses rather than Java's. */
    private static String ruleBroken(JsonProcessingException e) {
        return switch (e) {
            case UnrecognizedPropertyException unknown -> "is not a field here; the fields here are "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", "));
            case InvalidNullException empty -> "is an empty entry";
            case MismatchedInputException mismatch -> kindOf(mismatch.getTargetType())
                    .map(kind -> "must be " + kind + (mismatch instanceof InvalidFormatException format
                            ? ", not " + format.getValue() : ""))
                    .orElseGet(() -> withoutClassNames(e.getOriginalMessage()));
            // Such as an unknown calendar, which names the calendars there are.
            case ValueInstantiationException refused when refused.getCause() instanceof IllegalArgumentException cause
                    -> cause.getMessage();
            default -> withoutClassNames(e.getOriginalMessage());
        };
    }

    private static Optional<String> kindOf(Class<?> type) {
        if (type == null) {
            return Optional.empty();
        } else if (type == int.class || type == Integer.class) {
            return Optional.of("a whole number");
        } else if (type == boolean.class || type == Boolean.class) {
            return Optional.of("true or false");
        } else if (type == String.class) {
            return Optional.of("a single value");
        } else if (Collection.class.isAssignableFrom(type)) {
            return Optional.of("a list");
        } else if (type.isRecord()) {
            return Optional.of("fields indented below it");
        }
        return Optional.empty();
    }

    /** Jackson's own words, for a mistake not foreseen above, without its Java class names. */
    private static String withoutClassNames(String message) {
        return message.replaceAll(" \\((class|although) [^)]*\\)", "")
                .replaceAll("`(?:[\\w]+\\.)*(?:\\w+\\$)?(\\w+)`", "$1");
    }

    /** Broken YAML, on the line snakeyaml marks as the problem: Jackson's own is where it stopped, often before. */
    private static Problem notYaml(String file, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            int line = marked.getProblemMark().getLine() + 1;
            // An unclosed quote or bracket is found lines after it opened: the context says where.
            String context = marked.getContext() == null ? "" : " (" + marked.getContext()
                    + (marked.getContextMark() == null || marked.getContextMark().getLine() + 1 == line ? ""
                            : " from line " + (marked.getContextMark().getLine() + 1)) + ")";
            return new Problem(file, line, "", "not valid YAML: " + marked.getProblem() + context);
        }
        int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
        return new Problem(file, line, "", "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }

    /** The JSON pointer of {@code field}: {@code /stages/1/clocks/0/workingDays}. */
    private static String pointer(String field) {
        return field.isEmpty() ? "" : "/" + field.replace("[", "/").replace("]", "").replace(".", "/");
    }

    /** The line of {@code field}, or of its nearest parent in the file where it is missing, or else the first. */
    private int lineOf(String field) {
        String pointer = pointer(field);
        while (!pointer.isEmpty()) {
            Integer line = lineByPointer.get(pointer);
            if (line != null) {
                return line;
            }
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        }
        return 1;
    }
}
