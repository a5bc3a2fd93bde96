package uk.redress.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the dashboard an operator installs from {@code deploy/monitoring}: each reads, each alert has
 * its runbook entry in the README, and every Redress metric they query is one the README's table describes (and the
 * services' metrics tests see move).
 */
class MonitoringFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("redress.home", "../.."));
    private static final Pattern REDRESS_METRIC = Pattern.compile("redress_[a-z_]+");

    @Test
    void everyAlertHasARunbookEntryAndQueriesOnlyDocumentedMetrics() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(ROOT.resolve("deploy/monitoring/redress-alerts.yaml").toFile());
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> alerts = new ArrayList<>();
        Set<String> queried = new TreeSet<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                alerts.add(rule.path("alert").asText());
                assertThat(rule.path("expr").asText()).as(rule.path("alert").asText()).isNotBlank();
                assertThat(rule.path("labels").path("severity").asText()).isIn("page", "ticket");
                queried.addAll(metricsIn(rule.path("expr").asText()));
            }
        }
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(6);
        alerts.forEach(alert -> assertThat(readme).as("the runbook entry of " + alert).contains("**" + alert + "**"));
        assertThat(queried).allSatisfy(metric -> assertThat(documented(readme)).contains(metric));
    }

    @Test
    void theDashboardReadsAndQueriesOnlyDocumentedMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(
                ROOT.resolve("deploy/monitoring/redress-dashboard.json").toFile());
        String readme = Files.readString(ROOT.resolve("README.md"));
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            panel.path("targets").forEach(target -> queried.addAll(metricsIn(target.path("expr").asText())));
        }
        assertThat(queried).isNotEmpty().allSatisfy(metric -> assertThat(documented(readme)).contains(metric));
    }

    /**
     * The Redress metrics an expression names, without the suffixes Prometheus adds to a timer's series and its
     * histogram's buckets.
     */
    private static Set<String> metricsIn(String expression) {
        Set<String> metrics = new TreeSet<>();
        Matcher metric = REDRESS_METRIC.matcher(expression);
        while (metric.find()) {
            metrics.add(metric.group().replaceAll("_(count|sum|max|bucket)$", ""));
        }
        return metrics;
    }

    /** The metric names in the README's table: the first column's code spans. */
    private static Set<String> documented(String readme) {
        Set<String> names = new TreeSet<>();
        for (String line : readme.split("\n")) {
            if (line.startsWith("| `redress_")) {
                Matcher metric = REDRESS_METRIC.matcher(line.substring(0, line.indexOf(" | ", 2)));
                while (metric.find()) {
                    names.add(metric.group());
                }
            }
        }
        return names;
    }
}
