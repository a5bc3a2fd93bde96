package uk.redress.complaint.web;

import io.quarkus.qute.RawString;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart drawn on the server as SVG, shown with its figures as a table beside it: the picture is for the eye,
 * and its text alternative and the table say the same for everyone else. No script, so it prints as it shows.
 *
 * @param id           unique on its page
 * @param labelHeading what the bars are (the table's first column): "Month", "Theme"
 * @param valueHeading what their length is (the second): "Complaints received"
 * @param columns      upright bars side by side (a series over time), or else bars across, one under the other (a
 *                     breakdown with long names)
 * @param scaleMax     the value a full-length bar stands for: 100 for percentages, else 0 to fit the longest bar
 */
public record BarChart(String id, String title, String labelHeading, String valueHeading, List<Bar> bars,
                      boolean columns, double scaleMax) {

    private static final int WIDTH = 640;
    private static final String BAR_COLOUR = "#1d70b8";
    private static final String TEXT_COLOUR = "#0b0c0c";
    private static final String RULE_COLOUR = "#b1b4b6";

    public BarChart {
        bars = List.copyOf(bars);
    }

    /**
     * @param value the bar's length, in the chart's scale
     * @param shown the figure as the table and the chart's labels give it ("83.3%", "12", "none")
     * @param data  the figure as the API gives it, for a reader to check against ("83.3", "12", "")
     */
    public record Bar(String label, double value, String shown, String data) {
    }

    /** The chart's text alternative: what it shows, and where the figures are. */
    public String description() {
        String of = valueHeading + " by " + labelHeading.toLowerCase(Locale.UK);
        if (bars.isEmpty()) {
            return "Bar chart of " + of + ": nothing to show yet.";
        }
        Bar highest = bars.stream().max(Comparator.comparingDouble(Bar::value)).orElseThrow();
        Bar lowest = bars.stream().min(Comparator.comparingDouble(Bar::value)).orElseThrow();
        if (bars.size() == 1) {
            return "Bar chart of " + of + ", one bar: " + highest.label() + ", " + highest.shown()
                    + ". The table beside it gives the figure.";
        }
        String range = highest.value() == lowest.value()
                ? " Every bar is the same: " + highest.shown() + "."
                : " Highest: " + highest.label() + ", " + highest.shown() + ". Lowest: " + lowest.label() + ", "
                + lowest.shown() + ".";
        return "Bar chart of " + of + ", " + bars.size() + " bars." + range + " The table beside it gives every figure.";
    }

    /** The picture, labelled by its title and text alternative. */
    public RawString svg() {
        return new RawString(columns ? columnsSvg() : rowsSvg());
    }

    private double scale() {
        double longest = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        return scaleMax > 0 ? Math.max(scaleMax, longest) : Math.max(1, niceCeiling(longest));
    }

    /** Upright bars, labels under them and figures over them; a rule at 0, half and the top of the scale. */
    private String columnsSvg() {
        int height = 240;
        int left = 44;
        int top = 20;
        int bottom = 44;
        int plotHeight = height - top - bottom;
        double slot = (double) (WIDTH - left - 8) / Math.max(1, bars.size());
        double scale = scale();
        StringBuilder svg = open(height);
        for (double fraction : new double[] {0, 0.5, 1}) {
            double y = top + plotHeight * (1 - fraction);
            svg.append(line(left, y, WIDTH - 8, y)).append(text(left - 6, y + 4, "end", number(scale * fraction)));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double barHeight = scale == 0 ? 0 : plotHeight * bar.value() / scale;
            double x = left + slot * i + slot * 0.15;
            double width = slot * 0.7;
            double y = top + plotHeight - barHeight;
            svg.append(rect(x, y, width, barHeight))
                    .append(text(x + width / 2, y - 4, "middle", bar.shown()))
                    .append(text(x + width / 2, height - bottom + 16, "middle", bar.label()));
        }
        return svg.append("</svg>").toString();
    }

    /** Bars across, their names to the left and figures to the right. */
    private String rowsSvg() {
        int row = 28;
        int labelWidth = 230;
        int figureWidth = 70;
        int height = Math.max(1, bars.size()) * row + 8;
        double plotWidth = WIDTH - labelWidth - figureWidth;
        double scale = scale();
        StringBuilder svg = open(height);
        svg.append(line(labelWidth, 0, labelWidth, height));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = 4 + row * i;
            double width = scale == 0 ? 0 : plotWidth * bar.value() / scale;
            svg.append(text(labelWidth - 8, y + 17, "end", shortened(bar.label())))
                    .append(rect(labelWidth, y + 3, width, row - 8))
                    .append(text(labelWidth + width + 6, y + 17, "start", bar.shown()));
        }
        return svg.append("</svg>").toString();
    }

    private StringBuilder open(int height) {
        return new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"redress-chart__svg\" role=\"img\" ")
                .append("viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" ")
                .append("aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\" ")
                .append("font-family=\"arial, sans-serif\" font-size=\"13\">")
                .append("<title id=\"").append(id).append("-title\">").append(escaped(title)).append("</title>")
                .append("<desc id=\"").append(id).append("-desc\">").append(escaped(description())).append("</desc>");
    }

    private static String rect(double x, double y, double width, double height) {
        return "<rect x=\"" + decimal(x) + "\" y=\"" + decimal(y) + "\" width=\"" + decimal(width) + "\" height=\""
                + decimal(height) + "\" fill=\"" + BAR_COLOUR + "\"/>";
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return "<line x1=\"" + decimal(x1) + "\" y1=\"" + decimal(y1) + "\" x2=\"" + decimal(x2) + "\" y2=\""
                + decimal(y2) + "\" stroke=\"" + RULE_COLOUR + "\"/>";
    }

    /** Text the picture shows; hidden from assistive technology, which has the title, description and table. */
    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + decimal(x) + "\" y=\"" + decimal(y) + "\" text-anchor=\"" + anchor + "\" fill=\""
                + TEXT_COLOUR + "\" aria-hidden=\"true\">" + escaped(content) + "</text>";
    }

    /** A name as long as the space left of the bars holds; the table beside gives it whole. */
    private static String shortened(String label) {
        return label.length() <= 32 ? label : label.substring(0, 31) + "\u2026";
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: a scale whose rules read as round figures. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 0;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
