package uk.redress.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code /q/metrics} as Prometheus reads it: each sample's name, labels and value, so that a test asks
 * for a metric as an operator's query would ({@code redress_outbox_sent_total{target="kafka"}}).
 */
public final class PrometheusScrape {

    /**
     * A sample's name, its labels up to the brace that closes them (a label's quoted value may hold a brace), and its
     * value; an exemplar after it ({@code # {trace_id="..."} 1.0}, which a counter carries once a span has touched it)
     * is not part of it.
     */
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** Reads the text exposition format; comments and blank lines are passed over. */
    public static PrometheusScrape of(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
        }
        return new PrometheusScrape(List.copyOf(samples));
    }

    /**
     * The sum of the samples named {@code name} whose labels include each of {@code labels} (name, value, name,
     * value...), as {@code sum(name{labels})} would give it; 0 when there is none.
     */
    public double sum(String name, String... labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && hasAll(sample, labels))
                .mapToDouble(Sample::value).sum();
    }

    /**
     * The sums of the samples named {@code name} whose labels include each of {@code labels}, by the value of their
     * label {@code by}, as {@code sum by (by) (name{labels})} would give them: a histogram's buckets by {@code le}.
     */
    public Map<String, Double> sumBy(String by, String name, String... labels) {
        Map<String, Double> sums = new LinkedHashMap<>();
        samples.stream().filter(sample -> sample.name().equals(name) && hasAll(sample, labels)
                        && sample.labels().containsKey(by))
                .forEach(sample -> sums.merge(sample.labels().get(by), sample.value(), Double::sum));
        return sums;
    }

    /** Whether any sample of {@code name} is exposed, whatever its value. */
    public boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }

    private static boolean hasAll(Sample sample, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
