package uk.redress.complaint.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.calendar.WorkingDayCalendar;

@Authenticated
@Path("/api/v1/calendar")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calendar")
public class CalendarResource {

    /** More than a year of working days is no complaints deadline; a typo, more likely. */
    private static final int MAX_WORKING_DAYS = 260;

    private final WorkingDayCalendar calendar;

    public CalendarResource(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    @GET
    @Path("/due-date")
    @Operation(operationId = "countDueDate",
            summary = "Count a deadline in working days",
            description = "The same count every complaint deadline uses, with each day skipped and why.")
    @APIResponse(responseCode = "200", description = "The due date",
            content = @Content(schema = @Schema(implementation = DueDateResponse.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DueDateResponse dueDate(
            @Parameter(description = "When it was received: a date, or an instant such as 2026-12-18T17:30:00Z "
                    + "(a cut-off time then applies if one is configured)", example = "2026-12-18")
            @QueryParam("from") String from,
            @Parameter(description = "How many working days", example = "20",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("workingDays")
            String workingDays,
            @Parameter(description = "Whose bank holidays to skip (default england-and-wales)",
                    example = "england-and-wales") @QueryParam("region") String region) {
        ParameterChecks checks = new ParameterChecks();
        Temporal received = checks.read(() -> received(from), null);
        int days = checks.read(() -> workingDays(workingDays), 0);
        Region nation = checks.read(() -> region(region), Region.ENGLAND_AND_WALES);
        checks.refuseIfAnyBroken();
        return DueDateResponse.of(switch (received) {
            case Instant instant -> calendar.count(nation, instant, days);
            case LocalDate day -> calendar.count(nation, day, days);
            default -> throw new IllegalStateException("received is a day or an instant, not " + received);
        });
    }

    /** A day, or an instant (to which a cut-off time applies if one is configured). */
    private static Temporal received(String from) {
        if (from == null || from.isBlank()) {
            throw new InvalidParameterException("from", "is required: a date such as 2026-12-18");
        }
        try {
            return from.contains("T") ? Instant.parse(from) : LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("from",
                    "must be a date (YYYY-MM-DD) or an instant (2026-12-18T17:30:00Z), was '" + from + "'");
        }
    }

    private static Region region(String id) {
        if (id == null || id.isBlank()) {
            return Region.ENGLAND_AND_WALES;
        }
        try {
            return Region.byId(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("region", "must be one of "
                    + Arrays.stream(Region.values()).map(Region::id).collect(Collectors.joining(", "))
                    + ", was '" + id + "'");
        }
    }

    private static int workingDays(String value) {
        String rule = "must be a whole number from 0 to " + MAX_WORKING_DAYS;
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException("workingDays", "is required: " + rule);
        }
        try {
            int days = Integer.parseInt(value.trim());
            if (days < 0 || days > MAX_WORKING_DAYS) {
                throw new InvalidParameterException("workingDays", rule + ", was " + days);
            }
            return days;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("workingDays", rule + ", was '" + value + "'");
        }
    }
}
