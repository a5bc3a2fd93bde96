package uk.redress.complaint.api;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import uk.redress.complaint.complaintlist.ListCursor;
import uk.redress.complaint.complaintlist.ListQuery;
import uk.redress.complaint.core.ComplaintStatus;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.workflow.procedure.Stage;

/** The list's query parameters, checked: a bad one is refused naming it and its rule, before any query runs. */
public final class ListParameters {

    private static final int MAX_TEXT = 200;

    private ListParameters() {
    }

    public static ListQuery parse(ProcedureVersions procedures, String status, String stage, String procedure,
                                  String overdue, String receivedFrom, String receivedTo, String q, String limit,
                                  String cursor) {
        ParameterChecks checks = new ParameterChecks();
        Optional<String> statusGiven = checks.read(() -> oneOf("status",
                status == null ? null : status.toUpperCase(Locale.ROOT),
                Arrays.stream(ComplaintStatus.values()).map(Enum::name).toList()), Optional.empty());
        Optional<String> stageGiven = checks.read(() -> oneOf("stage", stage, stages(procedures)), Optional.empty());
        // A withdrawn procedure's complaints are still listed by it.
        Optional<String> procedureGiven = checks.read(() -> oneOf("procedure", procedure, procedures.ids()),
                Optional.empty());
        Optional<Boolean> overdueGiven = checks.read(() -> QueryParameters.flag("overdue", overdue), Optional.empty());
        Optional<LocalDate> from = checks.read(() -> QueryParameters.date("receivedFrom", receivedFrom),
                Optional.empty());
        Optional<LocalDate> to = checks.read(() -> QueryParameters.date("receivedTo", receivedTo), Optional.empty());
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            checks.broken("receivedTo", "must not be before receivedFrom (" + from.get() + "), was " + to.get());
        }
        ListQuery query = new ListQuery(statusGiven, stageGiven, procedureGiven, overdueGiven, from, to,
                checks.read(() -> text(q), Optional.empty()),
                checks.read(() -> QueryParameters.limit(limit), QueryParameters.DEFAULT_LIMIT),
                checks.read(() -> cursor(cursor), Optional.empty()));
        checks.refuseIfAnyBroken();
        return query;
    }

    private static List<String> stages(ProcedureVersions procedures) {
        return Stream.concat(procedures.ids().stream().map(id -> procedures.current(id).orElseThrow()),
                        Stream.of(procedures.files().informalResolution()))
                .flatMap(policy -> policy.stages().stream())
                .map(Stage::id)
                .distinct()
                .sorted()
                .toList();
    }

    private static Optional<String> oneOf(String name, String value, List<String> allowed) {
        if (QueryParameters.absent(value)) {
            return Optional.empty();
        }
        if (!allowed.contains(value.trim())) {
            throw new InvalidParameterException(name, "must be one of " + String.join(", ", allowed) + ", was '"
                    + value + "'");
        }
        return Optional.of(value.trim());
    }

    private static Optional<String> text(String value) {
        if (QueryParameters.absent(value)) {
            return Optional.empty();
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidParameterException("q", "must be at most " + MAX_TEXT + " characters");
        }
        return Optional.of(value.trim());
    }

    private static Optional<ListCursor> cursor(String value) {
        if (QueryParameters.absent(value)) {
            return Optional.empty();
        }
        return Optional.of(ListCursor.decode(value.trim()).orElseThrow(() -> new InvalidParameterException("cursor",
                "must be the nextCursor of an earlier page, as it was given")));
    }
}
