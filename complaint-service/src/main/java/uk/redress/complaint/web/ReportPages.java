package uk.redress.complaint.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import uk.redress.complaint.access.Caller;
import uk.redress.complaint.access.Callers;
import uk.redress.complaint.access.Roles;
import uk.redress.complaint.api.AnnualReportResource;
import uk.redress.complaint.api.AnnualReportResource.SelfAssessmentRequest;
import uk.redress.complaint.api.AnnualReportResource.SelfAssessmentRow;
import uk.redress.complaint.api.AnnualReportResource.StatementsRequest;
import uk.redress.complaint.api.TaskForms;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.report.AnnualStatements;
import uk.redress.complaint.report.CodeSection;
import uk.redress.complaint.report.HandlingReport;
import uk.redress.complaint.report.HandlingReports;
import uk.redress.complaint.report.ReportingYear;
import uk.redress.complaint.report.SelfAssessment;
import uk.redress.complaint.report.WrittenSectionChangedException;
import uk.redress.complaint.report.WrittenSections;
import uk.redress.complaint.web.ReportViews.AnnualView;
import uk.redress.complaint.web.ReportViews.DashboardView;
import uk.redress.complaint.web.ReportViews.Headline;
import uk.redress.complaint.web.ReportViews.SelfAssessmentView;
import uk.redress.complaint.web.ReportViews.StatementsView;
import uk.redress.workflow.calendar.WorkingDayCalendar;

/**
 * The reports area for managers and complaints officers: a dashboard, and each reporting year's annual report as a
 * page that prints as the document a committee reads, with the forms for what the council writes into it. Every figure
 * is the reports API's; every save goes through the same service as the API's.
 */
@Path("/tasklist/reports")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.MANAGER, Roles.COMPLAINTS_OFFICER})
public class ReportPages {

    private static final int MONTHS = 12;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(DashboardView view);

        static native TemplateInstance annual(AnnualView view);

        static native TemplateInstance selfAssessment(SelfAssessmentView view);

        static native TemplateInstance statements(StatementsView view);
    }

    private final HandlingReports reports;
    private final WrittenSections written;
    private final ProcedureVersions procedures;
    private final TaskForms forms;
    private final Callers callers;
    private final Clock clock;

    public ReportPages(HandlingReports reports, WrittenSections written, ProcedureVersions procedures,
                       TaskForms forms, Callers callers, Clock clock) {
        this.reports = reports;
        this.written = written;
        this.procedures = procedures;
        this.forms = forms;
        this.callers = callers;
        this.clock = clock;
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> dashboard() {
        Caller caller = callers.current();
        LocalDate today = today();
        ReportingYear year = ReportingYear.containing(today);
        return reports.monthly(caller.organisation(), MONTHS).chain(months -> reports.report(caller.organisation(),
                year.from(), year.to()).map(thisYear -> Templates.dashboard(new DashboardView(caller.name(),
                caller.organisation(), today.format(DueText.UK_DATE),
                today.format(ReportViews.MONTH), Headline.of(months.getLast()), year.label(), year.start(),
                Headline.of(thisYear), charts(months, thisYear)))));
    }

    @GET
    @Path("/annual")
    @Operation(hidden = true)
    public Uni<TemplateInstance> annual(@QueryParam("year") String year, @QueryParam("notice") String notice) {
        Caller caller = callers.current();
        return reports.annual(caller.organisation(), year(year)).map(report -> Templates.annual(new AnnualView(
                caller.name(), report, Headline.of(report.figures()), ReportViews.rates(report.figures().rates()),
                report.figures().procedures().stream().map(figures -> ReportViews.section(figures, procedures))
                        .toList(),
                report.selfAssessment().notComplying(), years(), today().format(DueText.UK_DATE), notice)));
    }

    @GET
    @Path("/annual/self-assessment")
    @Operation(hidden = true)
    public Uni<TemplateInstance> selfAssessment(@QueryParam("year") String year) {
        ReportingYear reportingYear = year(year);
        return written.selfAssessment(callers.current().organisation(), reportingYear.start())
                .map(assessment -> selfAssessmentPage(reportingYear, assessment, null));
    }

    /** Saves the form whole; if someone saved since it was opened, it comes back as typed, to be saved over theirs. */
    @POST
    @Path("/annual/self-assessment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> saveSelfAssessment(MultivaluedMap<String, String> form) {
        Caller caller = callers.current();
        ReportingYear year = year(form.getFirst("year"));
        List<SelfAssessmentRow> rows = new ArrayList<>();
        for (CodeSection section : CodeSection.values()) {
            String complies = field(form, section + ".complies");
            rows.add(new SelfAssessmentRow(section, complies.isEmpty() ? null : complies.equals("yes"),
                    field(form, section + ".evidence"), field(form, section + ".actions")));
        }
        SelfAssessment typed = new SelfAssessment(year.start(), rows.stream()
                .map(row -> new SelfAssessment.Row(row.section(), Optional.ofNullable(row.complies()),
                        row.evidence(), row.actions())).toList(), version(form), Optional.empty(), Optional.empty());
        Uni<Response> saved;
        try {
            saved = written.saveSelfAssessment(caller.organisation(), year.start(),
                            forms.valid(new SelfAssessmentRequest(rows)).rows(), Optional.of(version(form)), caller.id())
                    .map(done -> seeOther(year, "Self-assessment saved"));
        } catch (ConstraintViolationException e) {
            return Uni.createFrom().item(badRequest(selfAssessmentPage(year, typed, tooLong(e))));
        }
        return saved.onFailure(WrittenSectionChangedException.class).recoverWithUni(failure -> written
                .selfAssessment(caller.organisation(), year.start())
                .map(latest -> badRequest(selfAssessmentPage(year, new SelfAssessment(year.start(), typed.sections(),
                        latest.version(), latest.updatedBy(), latest.updatedAt()), savedSince(latest.updatedBy())))));
    }

    @GET
    @Path("/annual/statements")
    @Operation(hidden = true)
    public Uni<TemplateInstance> statements(@QueryParam("year") String year) {
        ReportingYear reportingYear = year(year);
        return written.statements(callers.current().organisation(), reportingYear.start())
                .map(statements -> statementsPage(reportingYear, statements, null));
    }

    @POST
    @Path("/annual/statements")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> saveStatements(MultivaluedMap<String, String> form) {
        Caller caller = callers.current();
        ReportingYear year = year(form.getFirst("year"));
        StatementsRequest request = new StatementsRequest(field(form, "commentary"), field(form, "nonCompliance"),
                field(form, "ombudsmanLetter"), field(form, "governingBodyResponse"));
        AnnualStatements typed = request.toStatements(year.start());
        Uni<Response> saved;
        try {
            saved = written.saveStatements(caller.organisation(), forms.valid(request).toStatements(year.start()),
                            Optional.of(version(form)), caller.id())
                    .map(done -> seeOther(year, "Statements saved"));
        } catch (ConstraintViolationException e) {
            return Uni.createFrom().item(badRequest(statementsPage(year, withVersion(typed, version(form)),
                    tooLong(e))));
        }
        return saved.onFailure(WrittenSectionChangedException.class).recoverWithUni(failure -> written
                .statements(caller.organisation(), year.start())
                .map(latest -> badRequest(statementsPage(year, withVersion(typed, latest.version()),
                        savedSince(latest.updatedBy())))));
    }

    private TemplateInstance selfAssessmentPage(ReportingYear year, SelfAssessment assessment, String error) {
        return Templates.selfAssessment(new SelfAssessmentView(callers.current().name(), year.start(), year.label(),
                assessment, error));
    }

    private TemplateInstance statementsPage(ReportingYear year, AnnualStatements statements, String error) {
        return Templates.statements(new StatementsView(callers.current().name(), year.start(), year.label(),
                statements, error));
    }

    private static AnnualStatements withVersion(AnnualStatements typed, int version) {
        return new AnnualStatements(typed.year(), typed.commentary(), typed.nonCompliance(), typed.ombudsmanLetter(),
                typed.governingBodyResponse(), version, Optional.empty(), Optional.empty());
    }

    private static String savedSince(Optional<String> by) {
        return by.orElse("Someone") + " saved this since you opened it. What you typed is below: save it to "
                + "replace theirs, or open the page again to see what they saved.";
    }

    private static String tooLong(ConstraintViolationException e) {
        return "Not saved: " + e.getConstraintViolations().stream()
                .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                .sorted().collect(Collectors.joining("; ")) + ".";
    }

    /** Charts of the last twelve months, then of the reporting year so far. */
    private List<BarChart> charts(List<HandlingReport> months, HandlingReport thisYear) {
        List<BarChart> charts = new ArrayList<>();
        charts.add(monthly("received", "Complaints received, month by month", "Complaints received", months,
                Headline::received));
        charts.add(monthly("responded-in-time", "Responses sent within time (with agreed extensions), month by month",
                "Responded within time, %", months, Headline::respondedPercent));
        charts.add(monthly("lapses", "Deadlines missed, month by month", "Deadlines missed", months,
                Headline::lapses));
        Map<String, Long> ages = new LinkedHashMap<>();
        thisYear.procedures().forEach(figures -> figures.openAtEnd().byAge()
                .forEach((band, count) -> ages.merge(band, count, Long::sum)));
        charts.add(breakdown("open-by-age", "Open complaints today by age", "Working days since receipt",
                "Open complaints", ages));
        Map<String, Long> themes = new LinkedHashMap<>();
        thisYear.procedures().forEach(figures -> figures.themes()
                .forEach((theme, trend) -> themes.merge(theme, trend.count(), Long::sum)));
        charts.add(breakdown("themes", "Complaints this year by theme", "Theme", "Complaints", themes));
        Map<String, Long> outcomes = new LinkedHashMap<>();
        thisYear.procedures().forEach(figures -> figures.stages().forEach(stage -> stage.outcomes()
                .forEach((outcome, count) -> outcomes.merge(ReportViews.words(outcome), count, Long::sum))));
        charts.add(breakdown("outcomes", "Findings of the responses sent this year", "Finding", "Responses",
                outcomes));
        return charts;
    }

    private static BarChart monthly(String id, String title, String valueHeading, List<HandlingReport> months,
                                    Function<Headline, ReportViews.Figure> figure) {
        boolean percent = valueHeading.endsWith("%");
        return new BarChart(id, title, "Month", valueHeading, months.stream().map(month -> {
            ReportViews.Figure shown = figure.apply(Headline.of(month));
            return new BarChart.Bar(month.from().format(ReportViews.SHORT_MONTH),
                    shown.data().isEmpty() ? 0 : Double.parseDouble(shown.data()), shown.shown(), shown.data());
        }).toList(), true, percent ? 100 : 0);
    }

    private static BarChart breakdown(String id, String title, String labelHeading, String valueHeading,
                                      Map<String, Long> counts) {
        return new BarChart(id, title, labelHeading, valueHeading, counts.entrySet().stream()
                .map(count -> new BarChart.Bar(count.getKey(), count.getValue(), String.valueOf(count.getValue()),
                        String.valueOf(count.getValue())))
                .toList(), false, 0);
    }

    /** The years a manager can open: this one and the four before it. */
    private List<ReportingYear> years() {
        ReportingYear current = ReportingYear.containing(today());
        return IntStream.rangeClosed(0, 4).mapToObj(back -> new ReportingYear(current.start() - back))
                .toList();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), WorkingDayCalendar.UK_TIME);
    }

    /** The year asked for, or the one today is in. */
    private ReportingYear year(String year) {
        return year == null || year.isBlank() ? ReportingYear.containing(today())
                : AnnualReportResource.reportingYear(year);
    }

    private static int version(MultivaluedMap<String, String> form) {
        try {
            return Integer.parseInt(field(form, "version"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String field(MultivaluedMap<String, String> form, String name) {
        return Optional.ofNullable(form.getFirst(name)).orElse("");
    }

    private static Response seeOther(ReportingYear year, String notice) {
        return Response.seeOther(UriBuilder.fromPath("/tasklist/reports/annual").queryParam("year", year.start())
                .queryParam("notice", notice).build()).build();
    }

    private static Response badRequest(TemplateInstance page) {
        return Response.status(400).entity(page).type(MediaType.TEXT_HTML).build();
    }
}
