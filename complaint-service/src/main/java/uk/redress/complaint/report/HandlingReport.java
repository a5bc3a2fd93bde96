package uk.redress.complaint.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An organisation's complaint handling over a period, per procedure and stage: the figures of the annual complaints
 * performance report. Each measure is defined in the complaint service's README.
 *
 * @param asOf the day the figures were taken: an open complaint's age, and how late an unmet lapse is, count to the
 *             period's end or this day, whichever is earlier
 * @param rates complaints per head, where the organisation configures its population
 */
@Schema(name = "HandlingReport")
public record HandlingReport(String organisation, LocalDate from, LocalDate to, LocalDate asOf, Rates rates,
                             List<ProcedureFigures> procedures) {

    /**
     * The complaints received in the period under every procedure, set against the figures the organisation
     * configures; each rate to two decimals, absent where its figure is not configured (or is 0).
     */
    public record Rates(long complaintsReceived, Optional<Long> population, Optional<Double> per10000Population,
                        Optional<Long> childrenWithEhcPlan, Optional<Double> per1000ChildrenWithEhcPlan) {
    }

    /**
     * @param received   complaints, comments and compliments received in the period, and what intake signposted
     *                   elsewhere, by kind
     * @param withdrawn  complaints withdrawn in the period
     * @param openAtEnd  complaints open at the period's end, by age in working days since receipt
     * @param serviceAreas the complaints received in the period by service area, beside the period before
     * @param themes       the same by theme (a complaint may have several)
     * @param unclassified complaints received in the period with neither a service area nor a theme
     * @param madeBy       complaints received in the period by who made them, where recorded
     * @param advocacy     complaints received in the period by whether advocacy was offered and taken up
     * @param learning     the service improvements agreed because of complaints
     */
    public record ProcedureFigures(String procedure, Map<String, Long> received, long withdrawn, OpenComplaints openAtEnd,
                                   OmbudsmanFigures ombudsman, Map<String, Trend> serviceAreas,
                                   Map<String, Trend> themes, long unclassified, Map<String, Long> madeBy,
                                   Map<String, Long> advocacy, Learning learning, List<StageFigures> stages) {
    }

    /**
     * @param agreed  improvements agreed in the period
     * @param done    improvements done in the period
     * @param overdue improvements due before the report's end and not done by it
     */
    public record Learning(long agreed, long done, long overdue) {
    }

    /**
     * A count beside the same count over the period before, of the same length and ending the day before this one
     * starts.
     *
     * @param change count less previous
     */
    public record Trend(long count, long previous, long change) {
    }

    /** @param byAge counts by age band: {@code 0-10}, {@code 11-20}, {@code 21-40}, {@code 41+} working days */
    public record OpenComplaints(long total, Map<String, Long> byAge) {
    }

    /**
     * @param referred            complaints the Ombudsman told the organisation of in the period
     * @param decisions           the Ombudsman's decisions made in the period, by decision
     * @param ombudsmanUpheldRate of the decisions after investigation (upheld or not), the share upheld, in %
     * @param councilUpheldRate   of the organisation's own responses in the period, the share upheld or partly
     *                            upheld, in %
     */
    public record OmbudsmanFigures(long referred, Map<String, Long> decisions, Optional<Double> ombudsmanUpheldRate,
                                   Optional<Double> councilUpheldRate) {
    }

    /**
     * @param started          stages started in the period (received at it, or asked for)
     * @param acknowledgements of the stages started in the period that promise an acknowledgement
     * @param responses        of the stage's responses sent in the period
     * @param extensions       agreed extensions of the deadlines of the stages responded to in the period
     * @param workingDaysToRespond from the stage's start to its response, for responses sent in the period
     * @param outcomes         the responses' findings, by outcome
     * @param remedies         the remedies the responses offered, by kind
     * @param payments         what those responses paid, in pounds, in all
     * @param escalated        responses in the period after which the complainant asked for the next stage
     * @param lapses           deadlines of the stage whose lapse fell in the period
     */
    public record StageFigures(String stage, long started, WithinTime acknowledgements, Responses responses,
                               Extensions extensions, Pauses pauses, Distribution workingDaysToRespond, Map<String, Long> outcomes,
                               Map<String, Long> remedies, BigDecimal payments, Share escalated, Lapses lapses) {
    }

    /** @param percent withinTime of total, to one decimal; absent when total is 0 */
    public record WithinTime(long total, long withinTime, Optional<Double> percent) {
    }

    /**
     * @param withinOriginalTime        sent by the due date first promised
     * @param withinAgreedExtension     sent by the due date as agreed extensions moved it (the first included)
     */
    public record Responses(long sent, long withinOriginalTime, Optional<Double> percentWithinOriginalTime,
                            long withinAgreedExtension, Optional<Double> percentWithinAgreedExtension) {
    }

    /** @param workingDaysAdded how far, in all, the extensions moved their due dates */
    public record Extensions(long count, long workingDaysAdded) {
    }

    /**
     * The clocks that stood while the complainant was asked for information, where the procedure stops them.
     *
     * @param responses   responses whose stage's clocks stood at least once
     * @param workingDays how long, in all, they stood: how far it moved their due dates
     */
    public record Pauses(long responses, long workingDays) {
    }

    /** Absent figures where there is nothing to count. */
    public record Distribution(long count, Optional<Double> mean, Optional<Double> median,
                               Optional<Double> percentile90) {
    }

    public record Share(long count, Optional<Double> percent) {
    }

    /** @param workingDaysLate from the missed due date to the step (or to the report's end, while it is not done) */
    public record Lapses(long count, Distribution workingDaysLate) {
    }
}
