package uk.redress.complaint.report;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/** What the reports are configured with ({@code redress.reports.*}). */
@ConfigMapping(prefix = "redress.reports")
public interface ReportSettings {

    /** In the Children Act report, a count from 1 to below this reads "fewer than" it. */
    int smallCountThreshold();

    /**
     * The figures an organisation's complaints are set against, by organisation id
     * ({@code redress.reports.organisations.<id>.population}).
     */
    Map<String, Organisation> organisations();

    default Denominators denominators(String organisation) {
        return Optional.ofNullable(organisations().get(organisation))
                .map(figures -> new Denominators(figures.population(), figures.childrenWithEhcPlan()))
                .orElse(Denominators.NONE);
    }

    interface Organisation {
        /** The people the organisation serves (for a council, its area's population). */
        Optional<Long> population();

        /** Children and young people with an EHC plan the organisation maintains. */
        Optional<Long> childrenWithEhcPlan();
    }

    /** What complaints are counted per; absent where the organisation has not configured it. */
    record Denominators(Optional<Long> population, Optional<Long> childrenWithEhcPlan) {
        public static final Denominators NONE = new Denominators(Optional.empty(), Optional.empty());
    }
}
