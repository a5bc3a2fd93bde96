package uk.redress.complaint.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The annual complaints performance and service improvement report the Code asks of a council, for one reporting
 * year: the handling figures, the service improvements learned from complaints, and what the council writes (its
 * self-assessment against the Code and its statements). No personal data: the improvements carry no complaint.
 *
 * @param year the reporting year's first calendar year: 2026 is 2026–27
 */
@Schema(name = "AnnualReport")
public record AnnualReport(String organisation, int year, String label, LocalDate from, LocalDate to,
                           HandlingReport figures, List<Improvement> improvements, SelfAssessment selfAssessment,
                           AnnualStatements statements) {

    /** An improvement agreed or done in the year, or still open at its start. */
    @Schema(name = "AnnualReportImprovement")
    public record Improvement(String procedure, String action, String owner, LocalDate agreedOn, LocalDate dueOn,
                              Optional<LocalDate> completedOn) {
    }
}
