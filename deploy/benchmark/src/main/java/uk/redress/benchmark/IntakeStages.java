package uk.redress.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.redress.local.Port;
import uk.redress.local.StackSettings;
import uk.redress.testing.PrometheusScrape;

/**
 * Where intake's time goes, within the API's answer and after it, read from the complaint service's own metrics as an
 * operator's Prometheus would, scraped before and after a run: each append's transaction, each event's time from its
 * append to the engine taking it ({@code redress_outbox_delay_seconds}, a histogram), and of that the engine's answer
 * to the relay's command ({@code redress_engine_calls_seconds}); the rest is the event's wait in the outbox (the
 * relay's pass every second, the batch, the complaints in flight). Beside them, the service's waits for a connection
 * of its database pool ({@code sql_pool_queue_delay_seconds}, Quarkus's own), an append's among them.
 */
record IntakeStages(PrometheusScrape scrape) {

    private static final String DELAY = "redress_outbox_delay_seconds";

    static IntakeStages scrape(StackSettings settings) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(
                    settings.httpAddress(Port.COMPLAINT_SERVICE) + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (metrics.statusCode() != 200) {
                throw new IllegalStateException("/q/metrics answered " + metrics.statusCode());
            }
            return new IntakeStages(PrometheusScrape.of(metrics.body()));
        }
    }

    /** The stages between this scrape and {@code later}'s, printed under {@code name}. */
    void printUntil(IntakeStages later, String name) {
        System.out.printf(Locale.ROOT, "%s, by stage (ms; the delay's percentiles from its histogram):%n",
                name);
        printMean("the append's transaction", later, "redress_events_append_seconds");
        printMean("  a wait for a database connection (any of the service's)", later, "sql_pool_queue_delay_seconds");
        printQuantiles("from the append to the engine taking the event", later, "engine");
        printMean("  of which the engine's answer to the command", later, "redress_engine_calls_seconds", "outcome",
                "answered");
        printQuantiles("from the append to Kafka taking the event", later, "kafka");
    }

    private void printMean(String stage, IntakeStages later, String timer, String... labels) {
        System.out.printf(Locale.ROOT, "  %-58s mean %7.1f  (%.0f)%n", stage, mean(later, timer, labels),
                count(later, timer, labels));
    }

    private void printQuantiles(String stage, IntakeStages later, String target) {
        System.out.printf(Locale.ROOT, "  %-58s mean %7.1f  p50 %7.1f  p99 %7.1f  (%.0f)%n", stage,
                mean(later, DELAY, "target", target), quantile(later, 0.50, target), quantile(later, 0.99, target),
                count(later, DELAY, "target", target));
    }

    private double count(IntakeStages later, String timer, String... labels) {
        return later.scrape.sum(timer + "_count", labels) - scrape.sum(timer + "_count", labels);
    }

    private double mean(IntakeStages later, String timer, String... labels) {
        double count = count(later, timer, labels);
        return count == 0 ? Double.NaN
                : 1000 * (later.scrape.sum(timer + "_sum", labels) - scrape.sum(timer + "_sum", labels)) / count;
    }

    /**
     * The {@code q} quantile of the delay to {@code target} over the events between the two scrapes, in ms, as
     * Prometheus's {@code histogram_quantile} gives it: found in the bucket the rank falls in, linearly within it.
     */
    private double quantile(IntakeStages later, double q, String target) {
        Map<String, Double> before = scrape.sumBy("le", DELAY + "_bucket", "target", target);
        List<double[]> buckets = new ArrayList<>();
        later.scrape.sumBy("le", DELAY + "_bucket", "target", target).forEach((bound, cumulative) -> buckets.add(
                new double[] {bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound),
                        cumulative - before.getOrDefault(bound, 0.0)}));
        buckets.sort((a, b) -> Double.compare(a[0], b[0]));
        if (buckets.isEmpty() || buckets.getLast()[1] == 0) {
            return Double.NaN;
        }
        double rank = q * buckets.getLast()[1];
        double lowerBound = 0;
        double lowerCount = 0;
        for (double[] bucket : buckets) {
            if (bucket[1] >= rank) {
                if (Double.isInfinite(bucket[0])) {
                    return 1000 * lowerBound;
                }
                return 1000 * (lowerBound + (bucket[0] - lowerBound) * (rank - lowerCount)
                        / Math.max(bucket[1] - lowerCount, 1e-9));
            }
            lowerBound = bucket[0];
            lowerCount = bucket[1];
        }
        return Double.NaN;
    }
}
