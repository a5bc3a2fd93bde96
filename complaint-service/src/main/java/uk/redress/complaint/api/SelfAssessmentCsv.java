package uk.redress.complaint.api;

import uk.redress.complaint.report.SelfAssessment;

/** A self-assessment as CSV, a section a line in the Code's order; complies is {@code yes}, {@code no} or empty. */
final class SelfAssessmentCsv {

    private SelfAssessmentCsv() {
    }

    static String of(SelfAssessment assessment) {
        StringBuilder csv = new StringBuilder("year,section,title,complies,evidence,actions\r\n");
        for (SelfAssessment.Row row : assessment.sections()) {
            csv.append(String.join(",", String.valueOf(assessment.year()), row.section().name(),
                    HandlingReportCsv.quoted(row.title()),
                    row.complies().map(complies -> complies ? "yes" : "no").orElse(""),
                    HandlingReportCsv.quoted(row.evidence()), HandlingReportCsv.quoted(row.actions()))).append("\r\n");
        }
        return csv.toString();
    }
}
