package uk.redress.complaint.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.access.Callers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.report.ChildrenActReport;
import uk.redress.complaint.report.HandlingReport;
import uk.redress.complaint.report.HandlingReports;
import uk.redress.complaint.report.ReportRows.ImprovementRow;
import uk.redress.complaint.report.ReportingYear;
import uk.redress.workflow.calendar.WorkingDayCalendar;

@RolesAllowed({Roles.MANAGER, Roles.COMPLAINTS_OFFICER})
@Path("/api/v1/reports")
@Tag(name = "Reports")
public class ReportResource {

    public static final String TEXT_CSV = "text/csv";
    private static final int DEFAULT_MONTHS = 12;
    private static final int MAX_MONTHS = 36;

    private final HandlingReports reports;
    private final Callers callers;
    private final Clock clock;

    public ReportResource(HandlingReports reports, Callers callers, Clock clock) {
        this.reports = reports;
        this.callers = callers;
        this.clock = clock;
    }

    @GET
    @Path("/handling")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getHandlingReport",
            summary = "The complaint handling figures of the caller's organisation over a period",
            description = "Per procedure and stage: what was received, acknowledged and answered in time, extensions, "
                    + "working days to respond, outcomes and remedies, escalations, lapses, open complaints by age "
                    + "and the Ombudsman's cases: the figures of the annual complaints performance report. Each "
                    + "measure is defined in the complaint service's README. No personal data. Also as CSV "
                    + "(Accept: text/csv).")
    @APIResponse(responseCode = "200", description = "The figures",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = HandlingReport.class)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "A date that is not one, or a period that ends before it starts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<HandlingReport> handling(
            @Parameter(description = "The first day counted (YYYY-MM-DD); default: the 1 April that starts the "
                    + "current financial year") @QueryParam("from") String from,
            @Parameter(description = "The last day counted; default: the 31 March that ends the financial year "
                    + "of from") @QueryParam("to") String to) {
        Days days = days(from, to);
        return reports.report(callers.current().organisation(), days.first(), days.last());
    }

    @GET
    @Path("/handling")
    @Produces(TEXT_CSV)
    public Uni<String> handlingAsCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return handling(from, to).map(HandlingReportCsv::of);
    }

    @GET
    @Path("/children-act")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getChildrenActReport",
            summary = "The Children Act 1989 procedure's annual report, with no identifiable personal data",
            description = "Representations received, complaints at each stage, who made them, advocacy, what they "
                    + "were about, outcomes, timescales met with and without agreed extensions, and the Ombudsman's "
                    + "cases, for the children-statutory procedure. A count from 1 to below "
                    + "redress.reports.small-count-threshold (5) reads \"fewer than 5\", and a percentage of one "
                    + "\"not shown\". Also as CSV (Accept: text/csv).")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChildrenActReport.class)))
    @APIResponse(responseCode = "400", description = "A date that is not one, or a period that ends before it starts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ChildrenActReport> childrenAct(@QueryParam("from") String from, @QueryParam("to") String to) {
        Days days = days(from, to);
        return reports.childrenAct(callers.current().organisation(), days.first(), days.last());
    }

    @GET
    @Path("/children-act")
    @Produces(TEXT_CSV)
    public Uni<String> childrenActAsCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return childrenAct(from, to).map(ChildrenActReportCsv::of);
    }

    @GET
    @Path("/improvements")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listImprovements",
            summary = "The service improvements agreed because of complaints, across complaints",
            description = "Each with its complaint's reference, what will change, who sees it done, when it was agreed, "
                    + "when it is due and when it was done; the soonest due first. overdue=true: only those due "
                    + "before today and not done.")
    @APIResponse(responseCode = "200", description = "The improvements")
    @APIResponse(responseCode = "400", description = "overdue is not true or false",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<ImprovementRow>> improvements(
            @Parameter(description = "true: only those past their due date and not done",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("overdue") String overdue) {
        return reports.improvements(callers.current().organisation(),
                QueryParameters.flag("overdue", overdue).orElse(false));
    }

    @GET
    @Path("/handling/monthly")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMonthlyHandlingReport",
            summary = "The same figures month by month, for a dashboard",
            description = "One handling report for each of the last months calendar months, the current one last "
                    + "(counted to today). Also as CSV (Accept: text/csv), each line with its month's from and to.")
    @APIResponse(responseCode = "200", description = "The months, oldest first")
    @APIResponse(responseCode = "400", description = "months is not a whole number from 1 to " + MAX_MONTHS,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<HandlingReport>> monthly(
            @Parameter(description = "How many months, 1 to " + MAX_MONTHS + "; default 12",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + MAX_MONTHS))
            @QueryParam("months")
            String months) {
        return reports.monthly(callers.current().organisation(),
                QueryParameters.count("months", months, MAX_MONTHS, DEFAULT_MONTHS));
    }

    @GET
    @Path("/handling/monthly")
    @Produces(TEXT_CSV)
    public Uni<String> monthlyAsCsv(
            // The same schema as the JSON method's: the document merges the two, and a bare String made it "string or
            // integer", which a generated client turns into a class of its own.
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + MAX_MONTHS))
            @QueryParam("months") String months) {
        return monthly(months).map(HandlingReportCsv::of);
    }

    /** The days a report covers, both included: the current financial year where the request leaves them out. */
    private record Days(LocalDate first, LocalDate last) {
    }

    private Days days(String from, String to) {
        ParameterChecks checks = new ParameterChecks();
        Optional<LocalDate> firstGiven = checks.read(() -> QueryParameters.date("from", from), Optional.empty());
        Optional<LocalDate> lastGiven = checks.read(() -> QueryParameters.date("to", to), Optional.empty());
        checks.refuseIfAnyBroken();
        LocalDate first = firstGiven.orElseGet(() -> ReportingYear.containing(
                LocalDate.ofInstant(clock.instant(), WorkingDayCalendar.UK_TIME)).from());
        LocalDate last = lastGiven.orElseGet(() -> ReportingYear.containing(first).to());
        if (last.isBefore(first)) {
            throw new InvalidParameterException("to", "must not be before from (" + first + "), was " + last);
        }
        return new Days(first, last);
    }
}
