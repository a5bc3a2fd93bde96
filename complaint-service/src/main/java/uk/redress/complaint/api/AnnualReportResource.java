package uk.redress.complaint.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.access.Callers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.report.AnnualReport;
import uk.redress.complaint.report.AnnualStatements;
import uk.redress.complaint.report.CodeSection;
import uk.redress.complaint.report.HandlingReports;
import uk.redress.complaint.report.ReportingYear;
import uk.redress.complaint.report.SelfAssessment;
import uk.redress.complaint.report.WrittenSections;

/**
 * The annual complaints performance and service improvement report of a reporting year, and the parts of it the
 * council writes: its self-assessment against the Code and its statements, each saved whole with its version as ETag.
 */
@RolesAllowed({Roles.MANAGER, Roles.COMPLAINTS_OFFICER})
@Path("/api/v1/reports/annual/{year}")
@Tag(name = "Reports")
public class AnnualReportResource {

    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2100;
    private static final String YEAR = "The calendar year the reporting year starts in: 2026 for 1 April 2026 to "
            + "31 March 2027";

    private final HandlingReports reports;
    private final WrittenSections written;
    private final Callers callers;

    public AnnualReportResource(HandlingReports reports, WrittenSections written, Callers callers) {
        this.reports = reports;
        this.written = written;
        this.callers = callers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAnnualReport",
            summary = "The annual complaints performance and service improvement report of a reporting year",
            description = "The handling figures of 1 April to 31 March (as GET /reports/handling gives them), the "
                    + "service improvements agreed or done in the year or open at its start, the self-assessment "
                    + "against the Code, and the council's statements. No personal data.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(schema = @Schema(implementation = AnnualReport.class)))
    @APIResponse(responseCode = "400", description = "year is not a year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AnnualReport> annual(@Parameter(description = YEAR) @PathParam("year") String year) {
        return reports.annual(callers.current().organisation(), reportingYear(year));
    }

    @GET
    @Path("/self-assessment")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getSelfAssessment",
            summary = "The self-assessment against the Complaint Handling Code",
            description = "A row for each of the Code's sections, in its order, blank where not yet assessed; the "
                    + "ETag is its version (0 before the first save). Also as CSV (Accept: text/csv).")
    @APIResponse(responseCode = "200", description = "The self-assessment",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SelfAssessment.class)),
                    @Content(mediaType = ReportResource.TEXT_CSV, schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> selfAssessment(@Parameter(description = YEAR) @PathParam("year") String year) {
        return written.selfAssessment(callers.current().organisation(), reportingYear(year).start())
                .map(assessment -> versioned(assessment, assessment.version()));
    }

    @GET
    @Path("/self-assessment")
    @Produces(ReportResource.TEXT_CSV)
    public Uni<Response> selfAssessmentAsCsv(@PathParam("year") String year) {
        return written.selfAssessment(callers.current().organisation(), reportingYear(year).start())
                .map(assessment -> versioned(SelfAssessmentCsv.of(assessment), assessment.version()));
    }

    @PUT
    @Path("/self-assessment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "saveSelfAssessment",
            summary = "Save rows of the self-assessment",
            description = "Each row given replaces what its section said; the sections left out keep theirs. With "
                    + "If-Match, saved only if nobody saved since that version.")
    @WriteResponses
    public Uni<Response> saveSelfAssessment(@Parameter(description = YEAR) @PathParam("year") String year,
                                            @HeaderParam("If-Match") String ifMatch,
                                            @NotNull(message = "is required") @Valid SelfAssessmentRequest request) {
        Caller caller = callers.current();
        return written.saveSelfAssessment(caller.organisation(), reportingYear(year).start(), request.rows(),
                        ActionHeaders.expectedVersion(ifMatch), caller.id())
                .map(assessment -> versioned(assessment, assessment.version()));
    }

    @GET
    @Path("/statements")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAnnualReportStatements",
            summary = "The council's statements in the annual report",
            description = "Its commentary on the year, any findings of non-compliance with the Code, the "
                    + "Ombudsman's annual letter, and the governing body's response; blank until written. The ETag is "
                    + "their version (0 before the first save).")
    @APIResponse(responseCode = "200", description = "The statements",
            content = @Content(schema = @Schema(implementation = AnnualStatements.class)))
    public Uni<Response> statements(@Parameter(description = YEAR) @PathParam("year") String year) {
        return written.statements(callers.current().organisation(), reportingYear(year).start())
                .map(statements -> versioned(statements, statements.version()));
    }

    @PUT
    @Path("/statements")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "saveAnnualReportStatements",
            summary = "Save the council's statements",
            description = "All four at once: one left out is saved blank. With If-Match, saved only if nobody saved "
                    + "since that version.")
    @WriteResponses
    public Uni<Response> saveStatements(@Parameter(description = YEAR) @PathParam("year") String year,
                                        @HeaderParam("If-Match") String ifMatch,
                                        @NotNull(message = "is required") @Valid StatementsRequest request) {
        Caller caller = callers.current();
        return written.saveStatements(caller.organisation(), request.toStatements(reportingYear(year).start()),
                        ActionHeaders.expectedVersion(ifMatch), caller.id())
                .map(statements -> versioned(statements, statements.version()));
    }

    /** A reporting year by the calendar year it starts in: {@code 2026} is 1 April 2026 to 31 March 2027. */
    public static ReportingYear reportingYear(String year) {
        try {
            int start = Integer.parseInt(year.trim());
            if (start >= FIRST_YEAR && start <= LAST_YEAR) {
                return new ReportingYear(start);
            }
        } catch (NumberFormatException e) {
            // Told below, as a year out of range is.
        }
        throw new InvalidParameterException("year", "must be the year a reporting year starts in, from " + FIRST_YEAR
                + " to " + LAST_YEAR + " (2026 for 2026\u201327), was '" + year + "'");
    }

    private static Response versioned(Object body, int version) {
        return Response.ok(body).tag(new EntityTag(String.valueOf(version))).build();
    }

    @Schema(name = "SelfAssessmentChange")
    public record SelfAssessmentRequest(
            @Schema(description = "The rows to save, at most one for each section")
            @NotNull(message = "is required") @Size(min = 1, max = 9)
            List<@NotNull @Valid SelfAssessmentRow> sections) {

        public List<SelfAssessment.Row> rows() {
            Set<CodeSection> seen = new HashSet<>();
            for (int i = 0; i < sections.size(); i++) {
                if (!seen.add(sections.get(i).section())) {
                    throw new InvalidParameterException("sections[" + i + "].section",
                            "must name each section once, named " + sections.get(i).section() + " again");
                }
            }
            return sections.stream().map(SelfAssessmentRow::toRow).toList();
        }
    }

    @Schema(name = "SelfAssessmentRow")
    public record SelfAssessmentRow(
            @Schema(examples = "COMPLAINT_STAGES") @NotNull(message = "is required") CodeSection section,
            @Schema(description = "Whether the council complies; left out while not yet assessed") Boolean complies,
            @Schema(examples = "94% of stage 1 complaints acknowledged within 5 working days")
            @Size(max = 50_000) String evidence,
            @Schema(examples = "Stage 2 extensions to be agreed by the complaints manager from May")
            @Size(max = 50_000) String actions) {

        SelfAssessment.Row toRow() {
            return new SelfAssessment.Row(section, Optional.ofNullable(complies),
                    Objects.requireNonNullElse(evidence, ""), Objects.requireNonNullElse(actions, ""));
        }
    }

    @Schema(name = "AnnualStatementsChange")
    public record StatementsRequest(@Size(max = 50_000) String commentary, @Size(max = 50_000) String nonCompliance,
                                    @Size(max = 50_000) String ombudsmanLetter,
                                    @Size(max = 50_000) String governingBodyResponse) {

        public AnnualStatements toStatements(int year) {
            return new AnnualStatements(year, Objects.requireNonNullElse(commentary, ""),
                    Objects.requireNonNullElse(nonCompliance, ""), Objects.requireNonNullElse(ombudsmanLetter, ""),
                    Objects.requireNonNullElse(governingBodyResponse, ""), 0, Optional.empty(), Optional.empty());
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @APIResponse(responseCode = "200", description = "Saved: what is saved now, with its new ETag")
    @APIResponse(responseCode = "400", description = "A field is missing or malformed, or year is not a year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an older version: someone saved since",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @interface WriteResponses {
    }
}
