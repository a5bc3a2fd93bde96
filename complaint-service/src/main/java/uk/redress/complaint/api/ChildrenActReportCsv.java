package uk.redress.complaint.api;

import java.util.Map;
import uk.redress.complaint.report.ChildrenActReport;

/** The Children Act report as CSV, a figure a line: {@code organisation,from,to,stage,measure,value}. */
final class ChildrenActReportCsv {

    private final StringBuilder csv = new StringBuilder("organisation,from,to,stage,measure,value\r\n");
    private final ChildrenActReport report;

    private ChildrenActReportCsv(ChildrenActReport report) {
        this.report = report;
    }

    static String of(ChildrenActReport report) {
        ChildrenActReportCsv writer = new ChildrenActReportCsv(report);
        writer.all("", "received", report.received());
        writer.all("", "madeBy", report.madeBy());
        writer.all("", "advocacy", report.advocacy());
        writer.all("", "themes", report.themes());
        writer.all("", "ombudsman", report.ombudsman());
        writer.all("", "learning", report.learning());
        for (ChildrenActReport.Stage stage : report.stages()) {
            writer.line(stage.stage(), "started", stage.started());
            writer.line(stage.stage(), "responses", stage.responses());
            writer.line(stage.stage(), "responsesWithinTime", stage.responsesWithinTime());
            writer.line(stage.stage(), "percentWithinTime", stage.percentWithinTime());
            writer.line(stage.stage(), "responsesWithinExtension", stage.responsesWithinExtension());
            writer.line(stage.stage(), "percentWithinExtension", stage.percentWithinExtension());
            writer.all(stage.stage(), "outcomes", stage.outcomes());
        }
        return writer.csv.toString();
    }

    private void all(String stage, String measure, Map<String, String> values) {
        values.forEach((key, value) -> line(stage, measure + "." + key, value));
    }

    private void line(String stage, String measure, String value) {
        csv.append(String.join(",", HandlingReportCsv.quoted(report.organisation()), report.from().toString(),
                report.to().toString(), stage, HandlingReportCsv.quoted(measure), value)).append("\r\n");
    }
}
