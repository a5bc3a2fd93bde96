package uk.redress.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    /** As a service's /q/metrics gives them, once spans have touched the counters. */
    private static final String TEXT = """
            # TYPE redress_jobs counter
            # HELP redress_jobs Engine jobs this service's workers took
            redress_jobs_total{outcome="activated",type="io.camunda.zeebe:userTask"} 12.0
            redress_jobs_total{outcome="handled",type="io.camunda.zeebe:userTask"} 11.0 # {span_id="6c9f8a0981f7dcca",trace_id="b8afbc0eaffaa5b258aeb9ff5f22e4b0"} 1.0 1796332794.132
            redress_jobs_total{outcome="handled",type="notify-deadline-lapsed"} 3.0
            redress_outbox_waiting 4.0
            redress_outbox_delay_seconds_bucket{target="engine",le="0.5"} 3.0
            redress_outbox_delay_seconds_bucket{target="engine",le="1.0"} 7.0
            redress_outbox_delay_seconds_bucket{target="engine",le="+Inf"} 8.0
            redress_outbox_delay_seconds_bucket{target="kafka",le="0.5"} 5.0
            redress_outbox_delay_seconds_bucket{target="kafka",le="+Inf"} 5.0
            redress_notes_total{reason="a {braced} \\"quoted\\" reason"} 2.0
            """;

    @Test
    void aSampleIsItsValueNotItsExemplars() {
        PrometheusScrape scrape = PrometheusScrape.of(TEXT);

        assertThat(scrape.sum("redress_jobs_total", "outcome", "handled", "type", "io.camunda.zeebe:userTask"))
                .isEqualTo(11.0);
        assertThat(scrape.sum("redress_jobs_total", "outcome", "handled")).isEqualTo(14.0);
        assertThat(scrape.sum("redress_jobs_total", "span_id", "6c9f8a0981f7dcca")).isZero();
    }

    @Test
    void labelsMayHoldBracesAndQuotesAndASampleNeedNone() {
        PrometheusScrape scrape = PrometheusScrape.of(TEXT);

        assertThat(scrape.sum("redress_notes_total", "reason", "a {braced} \\\"quoted\\\" reason")).isEqualTo(2.0);
        assertThat(scrape.sum("redress_outbox_waiting")).isEqualTo(4.0);
        assertThat(scrape.has("redress_jobs_total")).isTrue();
        assertThat(scrape.has("redress_jobs")).as("the TYPE and HELP comments are no samples").isFalse();
    }

    @Test
    void aHistogramsBucketsByTheirBound() {
        PrometheusScrape scrape = PrometheusScrape.of(TEXT);

        assertThat(scrape.sumBy("le", "redress_outbox_delay_seconds_bucket", "target", "engine"))
                .containsExactly(entry("0.5", 3.0), entry("1.0", 7.0), entry("+Inf", 8.0));
        assertThat(scrape.sumBy("le", "redress_outbox_delay_seconds_bucket"))
                .containsExactly(entry("0.5", 8.0), entry("1.0", 7.0), entry("+Inf", 13.0));
        assertThat(scrape.sumBy("le", "redress_outbox_waiting")).as("no such label").isEmpty();
    }
}
