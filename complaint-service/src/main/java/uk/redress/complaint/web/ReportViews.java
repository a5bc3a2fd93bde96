package uk.redress.complaint.web;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import uk.redress.complaint.core.ComplaintKind;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.report.AnnualReport;
import uk.redress.complaint.report.AnnualStatements;
import uk.redress.complaint.report.HandlingFigures;
import uk.redress.complaint.report.HandlingReport;
import uk.redress.complaint.report.HandlingReport.ProcedureFigures;
import uk.redress.complaint.report.HandlingReport.StageFigures;
import uk.redress.complaint.report.ReportingYear;
import uk.redress.complaint.report.SelfAssessment;
import uk.redress.workflow.procedure.ProcedurePolicy;

/**
 * What the reports pages show. Every figure is one of the handling report's (as {@code GET /api/v1/reports/handling}
 * gives it), or a sum of them over procedures and stages; each is shown with the API's own value beside it in a
 * {@code data-value} attribute, and its measure's name, so that the pages can be checked against the API.
 */
public final class ReportViews {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);
    static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM yy", Locale.UK);

    private ReportViews() {
    }

    /** A figure: its label, its measure's name in the API, the figure as shown, and as the API gives it. */
    public record Figure(String label, String measure, String shown, String data) {

        static Figure count(String label, String measure, long count) {
            return new Figure(label, measure, String.valueOf(count), String.valueOf(count));
        }

        static Figure percent(String label, String measure, Optional<Double> percent) {
            return new Figure(label, measure, percent.map(value -> value + "%").orElse("none to count"),
                    percent.map(String::valueOf).orElse(""));
        }

        static Figure decimal(String label, String measure, Optional<Double> value) {
            return new Figure(label, measure, value.map(String::valueOf).orElse("none to count"),
                    value.map(String::valueOf).orElse(""));
        }

        static Figure pounds(String label, String measure, BigDecimal amount) {
            return new Figure(label, measure, "\u00a3" + amount.toPlainString(), amount.toPlainString());
        }
    }

    /**
     * The dashboard's headline figures: the handling report's summed over every procedure and stage.
     *
     * @param respondedInTime responses sent by their due date as agreed extensions moved it
     */
    public record Headline(Figure received, Figure feedback, Figure signposted, Figure acknowledgementsDue,
                           Figure acknowledgedInTime, Figure acknowledgedPercent, Figure responses,
                           Figure respondedInTime, Figure respondedPercent, Figure lapses, Figure open,
                           Figure escalated) {

        public List<Figure> all() {
            return List.of(received, feedback, signposted, acknowledgementsDue, acknowledgedInTime,
                    acknowledgedPercent, responses, respondedInTime, respondedPercent, lapses, open, escalated);
        }

        static Headline of(HandlingReport report) {
            long acknowledgementsDue = stages(report, stage -> stage.acknowledgements().total());
            long acknowledgedInTime = stages(report, stage -> stage.acknowledgements().withinTime());
            long responses = stages(report, stage -> stage.responses().sent());
            long respondedInTime = stages(report, stage -> stage.responses().withinAgreedExtension());
            return new Headline(
                    Figure.count("Complaints received", "received.COMPLAINT",
                            procedures(report, figures -> received(figures, ComplaintKind.COMPLAINT))),
                    Figure.count("Comments and compliments", "received.COMMENT+COMPLIMENT",
                            procedures(report, figures -> received(figures, ComplaintKind.COMMENT)
                                    + received(figures, ComplaintKind.COMPLIMENT))),
                    Figure.count("Signposted elsewhere (appeals, discrimination claims)",
                            "received.APPEAL+DISCRIMINATION_CLAIM",
                            procedures(report, figures -> received(figures, ComplaintKind.APPEAL)
                                    + received(figures, ComplaintKind.DISCRIMINATION_CLAIM))),
                    Figure.count("Acknowledgements due", "acknowledgements.total", acknowledgementsDue),
                    Figure.count("Acknowledged within time", "acknowledgements.withinTime", acknowledgedInTime),
                    Figure.percent("Acknowledged within time, %", "acknowledgements.percent",
                            HandlingFigures.percent(acknowledgedInTime, acknowledgementsDue)),
                    Figure.count("Responses sent", "responses.sent", responses),
                    Figure.count("Responded within time (with agreed extensions)",
                            "responses.withinAgreedExtension", respondedInTime),
                    Figure.percent("Responded within time, %", "responses.percentWithinAgreedExtension",
                            HandlingFigures.percent(respondedInTime, responses)),
                    Figure.count("Deadlines missed", "lapses.count", stages(report, stage -> stage.lapses().count())),
                    Figure.count("Open at the period's end, or today", "openAtEnd.total",
                            procedures(report, figures -> figures.openAtEnd().total())),
                    Figure.count("Escalated to the next stage", "escalated.count",
                            stages(report, stage -> stage.escalated().count())));
        }

        private static long received(ProcedureFigures figures, ComplaintKind kind) {
            return figures.received().getOrDefault(kind.name(), 0L);
        }

        private static long procedures(HandlingReport report, ToLongFunction<ProcedureFigures> measure) {
            return report.procedures().stream().mapToLong(measure).sum();
        }

        private static long stages(HandlingReport report, ToLongFunction<StageFigures> measure) {
            return report.procedures().stream().flatMap(figures -> figures.stages().stream()).mapToLong(measure)
                    .sum();
        }
    }

    /**
     * @param yearStart the reporting year's first calendar year, for the link to its annual report
     * @param charts    the last twelve months, then this reporting year's breakdowns
     */
    public record DashboardView(String user, String organisation, String asOf, String monthLabel, Headline month,
                                String yearLabel, int yearStart, Headline year, List<BarChart> charts) {

        public String monthCaption() {
            return "This month, " + monthLabel;
        }

        public String yearCaption() {
            return "This year so far, " + yearLabel;
        }
    }

    /** A measure across a procedure's stages, one figure a stage. */
    public record StageMeasure(String label, String measure, List<Figure> figures) {
    }

    /**
     * A procedure's part of the annual report.
     *
     * @param stageIds in the procedure's order, as {@code stageNames} and each measure's figures
     */
    public record ProcedureSection(String id, String name, List<Figure> overall, List<String> stageIds,
                                   List<String> stageNames, List<StageMeasure> stageMeasures, List<Figure> ombudsman,
                                   List<Figure> serviceAreas, List<Figure> themes, List<Figure> learning) {
    }

    public record AnnualView(String user, AnnualReport report, Headline headline, List<Figure> rates,
                             List<ProcedureSection> procedures, List<SelfAssessment.Row> notComplying,
                             List<ReportingYear> years, String asOf, String notice) {

        public String headlineCaption() {
            return "Every procedure and stage, " + report.label();
        }

        /** "1 April 2026 to 31 March 2027" */
        public String period() {
            return report.from().format(DAY) + " to " + report.to().format(DAY);
        }
    }

    /** The self-assessment's form; {@code error} after a save that came too late. */
    public record SelfAssessmentView(String user, int yearStart, String yearLabel, SelfAssessment assessment,
                                     String error) {
    }

    public record StatementsView(String user, int yearStart, String yearLabel,
                                 AnnualStatements statements, String error) {
    }

    static List<Figure> rates(HandlingReport.Rates rates) {
        return List.of(Figure.count("Complaints received", "rates.complaintsReceived", rates.complaintsReceived()),
                Figure.decimal("Complaints per 10,000 population", "rates.per10000Population",
                        rates.per10000Population()),
                Figure.decimal("Complaints per 1,000 children and young people with an EHC plan",
                        "rates.per1000ChildrenWithEhcPlan", rates.per1000ChildrenWithEhcPlan()));
    }

    static ProcedureSection section(ProcedureFigures figures, ProcedureVersions procedures) {
        ProcedurePolicy procedure = procedures.current(figures.procedure()).orElseThrow();
        List<Figure> overall = new ArrayList<>();
        figures.received().forEach((kind, count) -> overall.add(Figure.count("Received: " + kindName(kind),
                "received." + kind, count)));
        overall.add(Figure.count("Withdrawn", "withdrawn", figures.withdrawn()));
        overall.add(Figure.count("Open at the end", "openAtEnd.total", figures.openAtEnd().total()));
        figures.openAtEnd().byAge().forEach((band, count) -> overall.add(Figure.count(
                "Open at the end, " + band + " working days old", "openAtEnd.byAge." + band, count)));
        overall.add(Figure.count("Complaints with no service area or theme", "unclassified",
                figures.unclassified()));
        figures.madeBy().forEach((role, count) -> overall.add(Figure.count("Made by: " + words(role),
                "madeBy." + role, count)));
        figures.advocacy().forEach((advocacy, count) -> overall.add(Figure.count("Advocacy: " + words(advocacy),
                "advocacy." + advocacy, count)));
        List<Figure> ombudsman = new ArrayList<>();
        ombudsman.add(Figure.count("Complaints the Ombudsman told us of", "ombudsman.referred",
                figures.ombudsman().referred()));
        figures.ombudsman().decisions().forEach((decision, count) -> ombudsman.add(Figure.count(
                "Ombudsman's decisions: " + words(decision), "ombudsman.decisions." + decision, count)));
        ombudsman.add(Figure.percent("The Ombudsman's uphold rate", "ombudsman.ombudsmanUpheldRate",
                figures.ombudsman().ombudsmanUpheldRate()));
        ombudsman.add(Figure.percent("Our own uphold rate", "ombudsman.councilUpheldRate",
                figures.ombudsman().councilUpheldRate()));
        List<Figure> learning = List.of(
                Figure.count("Improvements agreed", "learning.agreed", figures.learning().agreed()),
                Figure.count("Improvements done", "learning.done", figures.learning().done()),
                Figure.count("Improvements overdue", "learning.overdue", figures.learning().overdue()));
        return new ProcedureSection(procedure.id(), procedure.name(), overall,
                figures.stages().stream().map(StageFigures::stage).toList(),
                figures.stages().stream().map(stage -> procedure.stage(stage.stage()).name()).toList(),
                stageMeasures(figures.stages()), ombudsman, trends("serviceAreas", figures.serviceAreas()),
                trends("themes", figures.themes()), learning);
    }

    private static List<Figure> trends(String measure, Map<String, HandlingReport.Trend> trends) {
        List<Figure> figures = new ArrayList<>();
        trends.forEach((name, trend) -> figures.add(new Figure(name, measure + "." + name + ".count",
                trend.count() + " (" + (trend.change() > 0 ? "+" : "") + trend.change() + " on the year before)",
                String.valueOf(trend.count()))));
        return figures;
    }

    private static List<StageMeasure> stageMeasures(List<StageFigures> stages) {
        List<StageMeasure> measures = new ArrayList<>();
        measure(measures, stages, "Started", "started", stage -> Figure.count("", "", stage.started()));
        measure(measures, stages, "Acknowledgements due", "acknowledgements.total",
                stage -> Figure.count("", "", stage.acknowledgements().total()));
        measure(measures, stages, "Acknowledged within time", "acknowledgements.withinTime",
                stage -> Figure.count("", "", stage.acknowledgements().withinTime()));
        measure(measures, stages, "Acknowledged within time, %", "acknowledgements.percent",
                stage -> Figure.percent("", "", stage.acknowledgements().percent()));
        measure(measures, stages, "Responses sent", "responses.sent",
                stage -> Figure.count("", "", stage.responses().sent()));
        measure(measures, stages, "Within the time first promised", "responses.withinOriginalTime",
                stage -> Figure.count("", "", stage.responses().withinOriginalTime()));
        measure(measures, stages, "Within the time first promised, %", "responses.percentWithinOriginalTime",
                stage -> Figure.percent("", "", stage.responses().percentWithinOriginalTime()));
        measure(measures, stages, "Within time with agreed extensions", "responses.withinAgreedExtension",
                stage -> Figure.count("", "", stage.responses().withinAgreedExtension()));
        measure(measures, stages, "Within time with agreed extensions, %", "responses.percentWithinAgreedExtension",
                stage -> Figure.percent("", "", stage.responses().percentWithinAgreedExtension()));
        measure(measures, stages, "Extensions agreed", "extensions.count",
                stage -> Figure.count("", "", stage.extensions().count()));
        measure(measures, stages, "Working days the extensions added", "extensions.workingDaysAdded",
                stage -> Figure.count("", "", stage.extensions().workingDaysAdded()));
        measure(measures, stages, "Responses whose clock stood for information", "pauses.responses",
                stage -> Figure.count("", "", stage.pauses().responses()));
        measure(measures, stages, "Working days the clocks stood for information", "pauses.workingDays",
                stage -> Figure.count("", "", stage.pauses().workingDays()));
        measure(measures, stages, "Working days to respond: mean", "workingDaysToRespond.mean",
                stage -> Figure.decimal("", "", stage.workingDaysToRespond().mean()));
        measure(measures, stages, "Working days to respond: median", "workingDaysToRespond.median",
                stage -> Figure.decimal("", "", stage.workingDaysToRespond().median()));
        measure(measures, stages, "Working days to respond: 90th percentile", "workingDaysToRespond.percentile90",
                stage -> Figure.decimal("", "", stage.workingDaysToRespond().percentile90()));
        for (String outcome : stages.isEmpty() ? List.<String>of() : stages.getFirst().outcomes().keySet()) {
            measure(measures, stages, "Outcome: " + words(outcome), "outcomes." + outcome,
                    stage -> Figure.count("", "", stage.outcomes().get(outcome)));
        }
        for (String remedy : stages.isEmpty() ? List.<String>of() : stages.getFirst().remedies().keySet()) {
            measure(measures, stages, "Remedy: " + words(remedy), "remedies." + remedy,
                    stage -> Figure.count("", "", stage.remedies().get(remedy)));
        }
        measure(measures, stages, "Payments", "payments", stage -> Figure.pounds("", "", stage.payments()));
        measure(measures, stages, "Escalated to the next stage", "escalated.count",
                stage -> Figure.count("", "", stage.escalated().count()));
        measure(measures, stages, "Escalated to the next stage, %", "escalated.percent",
                stage -> Figure.percent("", "", stage.escalated().percent()));
        measure(measures, stages, "Deadlines missed", "lapses.count",
                stage -> Figure.count("", "", stage.lapses().count()));
        measure(measures, stages, "Working days late: mean", "lapses.workingDaysLate.mean",
                stage -> Figure.decimal("", "", stage.lapses().workingDaysLate().mean()));
        return measures;
    }

    private static void measure(List<StageMeasure> measures, List<StageFigures> stages, String label,
                                String measure, Function<StageFigures, Figure> figure) {
        measures.add(new StageMeasure(label, measure, stages.stream().map(figure).toList()));
    }

    /** A code as words: {@code PARTLY_UPHELD} as "partly upheld". */
    static String words(String code) {
        String words = code.toLowerCase(Locale.UK).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String kindName(String kind) {
        return switch (ComplaintKind.valueOf(kind)) {
            case COMPLAINT -> "complaints";
            case COMMENT -> "comments";
            case COMPLIMENT -> "compliments";
            case APPEAL -> "appeals, signposted to the right of appeal";
            case DISCRIMINATION_CLAIM -> "discrimination claims, signposted";
        };
    }
}
