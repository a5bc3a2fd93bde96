package uk.redress.complaint.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.redress.complaint.report.HandlingReport;
import uk.redress.complaint.report.HandlingReport.Distribution;
import uk.redress.complaint.report.HandlingReport.ProcedureFigures;
import uk.redress.complaint.report.HandlingReport.StageFigures;
import uk.redress.complaint.report.HandlingReport.Trend;

/**
 * A handling report as CSV, a figure a line: {@code procedure,stage,measure,value}, the stage empty for a procedure's
 * own figures and a value empty where there is nothing to count (a percentage of none). The measures are named as in
 * the JSON, a nested one by its path ({@code responses.withinAgreedExtension}, {@code outcomes.UPHELD}); the rates,
 * which are the organisation's, under no procedure.
 */
final class HandlingReportCsv {

    private static final String HEADER = "organisation,from,to,procedure,stage,measure,value\r\n";

    private final HandlingReport report;
    private final StringBuilder csv;

    private HandlingReportCsv(HandlingReport report, StringBuilder csv) {
        this.report = report;
        this.csv = csv;
    }

    static String of(HandlingReport report) {
        return of(List.of(report));
    }

    /** Several reports, a month's say, one after the other under one header. */
    static String of(List<HandlingReport> reports) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (HandlingReport report : reports) {
            HandlingReportCsv writer = new HandlingReportCsv(report, csv);
            writer.rates(report.rates());
            report.procedures().forEach(writer::procedure);
        }
        return csv.toString();
    }

    /** The organisation's own figures, under no procedure. */
    private void rates(HandlingReport.Rates rates) {
        line("", "", "rates.complaintsReceived", rates.complaintsReceived());
        line("", "", "rates.population", rates.population().map(String::valueOf).orElse(""));
        line("", "", "rates.per10000Population", rates.per10000Population());
        line("", "", "rates.childrenWithEhcPlan", rates.childrenWithEhcPlan().map(String::valueOf).orElse(""));
        line("", "", "rates.per1000ChildrenWithEhcPlan", rates.per1000ChildrenWithEhcPlan());
    }

    private void procedure(ProcedureFigures figures) {
        String procedure = figures.procedure();
        counts(procedure, "", "received", figures.received());
        line(procedure, "", "withdrawn", figures.withdrawn());
        line(procedure, "", "openAtEnd.total", figures.openAtEnd().total());
        counts(procedure, "", "openAtEnd.byAge", figures.openAtEnd().byAge());
        line(procedure, "", "ombudsman.referred", figures.ombudsman().referred());
        counts(procedure, "", "ombudsman.decisions", figures.ombudsman().decisions());
        line(procedure, "", "ombudsman.ombudsmanUpheldRate", figures.ombudsman().ombudsmanUpheldRate());
        line(procedure, "", "ombudsman.councilUpheldRate", figures.ombudsman().councilUpheldRate());
        trends(procedure, "serviceAreas", figures.serviceAreas());
        trends(procedure, "themes", figures.themes());
        line(procedure, "", "unclassified", figures.unclassified());
        counts(procedure, "", "madeBy", figures.madeBy());
        counts(procedure, "", "advocacy", figures.advocacy());
        line(procedure, "", "learning.agreed", figures.learning().agreed());
        line(procedure, "", "learning.done", figures.learning().done());
        line(procedure, "", "learning.overdue", figures.learning().overdue());
        figures.stages().forEach(stage -> stage(procedure, stage));
    }

    private void stage(String procedure, StageFigures figures) {
        String stage = figures.stage();
        line(procedure, stage, "started", figures.started());
        line(procedure, stage, "acknowledgements.total", figures.acknowledgements().total());
        line(procedure, stage, "acknowledgements.withinTime", figures.acknowledgements().withinTime());
        line(procedure, stage, "acknowledgements.percent", figures.acknowledgements().percent());
        line(procedure, stage, "responses.sent", figures.responses().sent());
        line(procedure, stage, "responses.withinOriginalTime", figures.responses().withinOriginalTime());
        line(procedure, stage, "responses.percentWithinOriginalTime",
                figures.responses().percentWithinOriginalTime());
        line(procedure, stage, "responses.withinAgreedExtension", figures.responses().withinAgreedExtension());
        line(procedure, stage, "responses.percentWithinAgreedExtension",
                figures.responses().percentWithinAgreedExtension());
        line(procedure, stage, "extensions.count", figures.extensions().count());
        line(procedure, stage, "extensions.workingDaysAdded", figures.extensions().workingDaysAdded());
        line(procedure, stage, "pauses.responses", figures.pauses().responses());
        line(procedure, stage, "pauses.workingDays", figures.pauses().workingDays());
        distribution(procedure, stage, "workingDaysToRespond", figures.workingDaysToRespond());
        counts(procedure, stage, "outcomes", figures.outcomes());
        counts(procedure, stage, "remedies", figures.remedies());
        line(procedure, stage, "payments", figures.payments().toPlainString());
        line(procedure, stage, "escalated.count", figures.escalated().count());
        line(procedure, stage, "escalated.percent", figures.escalated().percent());
        line(procedure, stage, "lapses.count", figures.lapses().count());
        distribution(procedure, stage, "lapses.workingDaysLate", figures.lapses().workingDaysLate());
    }

    private void distribution(String procedure, String stage, String measure, Distribution distribution) {
        line(procedure, stage, measure + ".count", distribution.count());
        line(procedure, stage, measure + ".mean", distribution.mean());
        line(procedure, stage, measure + ".median", distribution.median());
        line(procedure, stage, measure + ".percentile90", distribution.percentile90());
    }

    /** A name may hold anything a council chose: the measure, quoted where it must be, carries it. */
    private void trends(String procedure, String measure, Map<String, Trend> trends) {
        trends.forEach((name, trend) -> {
            line(procedure, "", quoted(measure + "." + name + ".count"), trend.count());
            line(procedure, "", quoted(measure + "." + name + ".previous"), trend.previous());
        });
    }

    private void counts(String procedure, String stage, String measure, Map<String, Long> counts) {
        counts.forEach((key, count) -> line(procedure, stage, measure + "." + key, count));
    }

    private void line(String procedure, String stage, String measure, Optional<Double> value) {
        line(procedure, stage, measure, value.map(String::valueOf).orElse(""));
    }

    private void line(String procedure, String stage, String measure, Object value) {
        csv.append(String.join(",", quoted(report.organisation()), report.from().toString(), report.to().toString(),
                quoted(procedure), quoted(stage), measure, String.valueOf(value))).append("\r\n");
    }

    /** RFC 4180: a field with a comma, quote or line break goes in quotes, its quotes doubled. */
    static String quoted(String field) {
        return field.matches(".*[,\"\r\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
