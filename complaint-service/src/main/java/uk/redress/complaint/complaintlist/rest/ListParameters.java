package uk.redress.complaint.complaintlist.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import uk.redress.complaint.complaint.ComplaintStatus;
import uk.redress.complaint.complaintlist.ListCursor;
import uk.redress.complaint.complaintlist.ListQuery;
import uk.redress.complaint.problem.InvalidParameterException;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;

/** The list's query parameters, checked: a bad one is refused naming it and its rule, before any query runs. */
public final class ListParameters {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final int MAX_TEXT = 200;

    private ListParameters() {
    }

    public static ListQuery parse(ProcedurePolicies procedures, String status, String stage, String procedure,
                                  String overdue, String receivedFrom, String receivedTo, String q, String limit,
                                  String cursor) {
        Optional<LocalDate> from = date("receivedFrom", receivedFrom);
        Optional<LocalDate> to = date("receivedTo", receivedTo);
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new InvalidParameterException("receivedTo", "must not be before receivedFrom (" + from.get()
                    + "), was " + to.get());
        }
        return new ListQuery(
                oneOf("status", status == null ? null : status.toUpperCase(Locale.ROOT),
                        Arrays.stream(ComplaintStatus.values()).map(Enum::name).toList()),
                oneOf("stage", stage, stages(procedures)),
                oneOf("procedure", procedure, procedures.all().stream().map(ProcedurePolicy::id).toList()),
                overdue(overdue), from, to, text(q), limit(limit), cursor(cursor));
    }

    private static List<String> stages(ProcedurePolicies procedures) {
        return Stream.concat(procedures.all().stream(), Stream.of(procedures.informalResolution()))
                .flatMap(policy -> policy.stages().stream())
                .map(Stage::id)
                .distinct()
                .sorted()
                .toList();
    }

    private static boolean absent(String value) {
        return value == null || value.isBlank();
    }

    private static Optional<String> oneOf(String name, String value, List<String> allowed) {
        if (absent(value)) {
            return Optional.empty();
        }
        if (!allowed.contains(value.trim())) {
            throw new InvalidParameterException(name, "must be one of " + String.join(", ", allowed) + ", was '"
                    + value + "'");
        }
        return Optional.of(value.trim());
    }

    private static Optional<Boolean> overdue(String value) {
        if (absent(value)) {
            return Optional.empty();
        }
        return switch (value.trim()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new InvalidParameterException("overdue", "must be true or false, was '" + value + "'");
        };
    }

    private static Optional<LocalDate> date(String name, String value) {
        if (absent(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, "must be a date (YYYY-MM-DD), was '" + value + "'");
        }
    }

    private static Optional<String> text(String value) {
        if (absent(value)) {
            return Optional.empty();
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidParameterException("q", "must be at most " + MAX_TEXT + " characters");
        }
        return Optional.of(value.trim());
    }

    private static int limit(String value) {
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

    private static Optional<ListCursor> cursor(String value) {
        if (absent(value)) {
            return Optional.empty();
        }
        return Optional.of(ListCursor.decode(value.trim()).orElseThrow(() -> new InvalidParameterException("cursor",
                "must be the nextCursor of an earlier page, as it was given")));
    }
}
