package uk.redress.complaint.report;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.complaint.report.HandlingReport.ProcedureFigures;
import uk.redress.complaint.report.HandlingReport.StageFigures;

/**
 * The annual report the Children Act 1989 representations procedure (SI 2006/1738) asks of a council, with no
 * identifiable personal data: every count is the handling report's for the Children Act procedure, and a count below
 * the threshold (5 unless configured) is shown as "fewer than 5", as is a percentage of such a count.
 *
 * @param received   representations received, by kind
 * @param madeBy     complaints by who made them
 * @param advocacy   complaints by whether advocacy was offered and taken up
 * @param themes     complaints by what they were about
 * @param ombudsman  the Ombudsman's cases: referred, and decisions by decision
 * @param learning   what was learned: service improvements agreed, done, and overdue at the period's end
 */
@Schema(name = "ChildrenActReport")
public record ChildrenActReport(String organisation, LocalDate from, LocalDate to, String procedure,
                                Map<String, String> received, Map<String, String> madeBy,
                                Map<String, String> advocacy, Map<String, String> themes, List<Stage> stages,
                                Map<String, String> ombudsman, Map<String, String> learning) {

    public static final String PROCEDURE = "children-statutory";

    /**
     * @param started                   complaints that reached the stage in the period
     * @param responsesWithinTime       of the responses sent, those on time without an extension
     * @param responsesWithinExtension  those on time once agreed extensions are counted
     * @param outcomes                  the responses' findings
     */
    @Schema(name = "ChildrenActReportStage")
    public record Stage(String stage, String started, String responses, String responsesWithinTime,
                        String percentWithinTime, String responsesWithinExtension, String percentWithinExtension,
                        Map<String, String> outcomes) {
    }

    /** The report of the Children Act procedure's {@code figures}, small counts shown as fewer than {@code threshold}. */
    public static ChildrenActReport of(String organisation, HandlingFigures.Period period, ProcedureFigures figures,
                                       int threshold) {
        Suppressed shown = new Suppressed(threshold);
        Map<String, Long> themes = new LinkedHashMap<>();
        figures.themes().forEach((theme, trend) -> themes.put(theme, trend.count()));
        Map<String, Long> ombudsman = new LinkedHashMap<>();
        ombudsman.put("referred", figures.ombudsman().referred());
        ombudsman.putAll(figures.ombudsman().decisions());
        Map<String, Long> learning = new LinkedHashMap<>();
        learning.put("agreed", figures.learning().agreed());
        learning.put("done", figures.learning().done());
        learning.put("overdue", figures.learning().overdue());
        return new ChildrenActReport(organisation, period.from(), period.to(), figures.procedure(),
                shown.all(figures.received()), shown.all(figures.madeBy()), shown.all(figures.advocacy()),
                shown.all(themes), figures.stages().stream().map(stage -> stage(stage, shown)).toList(),
                shown.all(ombudsman), shown.all(learning));
    }

    private static Stage stage(StageFigures figures, Suppressed shown) {
        var responses = figures.responses();
        return new Stage(figures.stage(), shown.count(figures.started()), shown.count(responses.sent()),
                shown.count(responses.withinOriginalTime()),
                shown.percent(responses.withinOriginalTime(), responses.sent(),
                        responses.percentWithinOriginalTime()),
                shown.count(responses.withinAgreedExtension()),
                shown.percent(responses.withinAgreedExtension(), responses.sent(),
                        responses.percentWithinAgreedExtension()),
                shown.all(figures.outcomes()));
    }

    /** Counts as text: a count from 1 to below the threshold as "fewer than" it, so no child can be told apart. */
    private record Suppressed(int threshold) {

        String count(long count) {
            return suppressed(count) ? "fewer than " + threshold : String.valueOf(count);
        }

        /** A percentage of a suppressed count, or of a suppressed total, would give the count away. */
        String percent(long count, long total, Optional<Double> percent) {
            if (suppressed(count) || suppressed(total)) {
                return "not shown";
            }
            return percent.map(String::valueOf).orElse("");
        }

        private boolean suppressed(long count) {
            return count > 0 && count < threshold;
        }

        Map<String, String> all(Map<String, Long> counts) {
            Map<String, String> shown = new LinkedHashMap<>();
            counts.forEach((key, count) -> shown.put(key, count(count)));
            return shown;
        }
    }
}
