package uk.redress.complaint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {

    private static final List<BarChart.Bar> MONTHS = List.of(
            new BarChart.Bar("Jan 27", 50, "50.0%", "50.0"),
            new BarChart.Bar("Feb 27", 100, "100.0%", "100.0"),
            new BarChart.Bar("Mar 27", 0, "none to count", ""));

    @Test
    void theChartIsAnImageNamedByItsTitleAndDescribedInWords() {
        BarChart chart = new BarChart("in-time", "Responses within time", "Month", "Within time, %", MONTHS, true,
                100);

        String svg = chart.svg().getValue();

        assertThat(svg).startsWith("<svg").contains("role=\"img\"")
                .contains("aria-labelledby=\"in-time-title in-time-desc\"")
                .contains("<title id=\"in-time-title\">Responses within time</title>")
                .contains("<desc id=\"in-time-desc\">" + chart.description() + "</desc>");
        assertThat(chart.description()).isEqualTo("Bar chart of Within time, % by month, 3 bars. Highest: Feb 27, "
                + "100.0%. Lowest: Mar 27, none to count. The table beside it gives every figure.");
        // On a scale of 100, the full bar is the plot's height (176 of 240) and the half bar half of it.
        assertThat(svg).contains("height=\"176.0\"").contains("height=\"88.0\"").contains("height=\"0.0\"");
    }

    @Test
    void namesAreTextNeverMarkup() {
        BarChart chart = new BarChart("themes", "By <theme>", "Theme", "Complaints",
                List.of(new BarChart.Bar("<i>x</i> & \"y\"", 3, "3", "3")), false, 0);

        String svg = chart.svg().getValue();

        assertThat(svg).doesNotContain("<i>").contains("&lt;i&gt;x&lt;/i&gt; &amp; &quot;y&quot;")
                .contains("<title id=\"themes-title\">By &lt;theme&gt;</title>");
    }

    @Test
    void aCountScaleEndsOnARoundFigure() {
        assertThat(BarChart.niceCeiling(0)).isZero();
        assertThat(BarChart.niceCeiling(7)).isEqualTo(10);
        assertThat(BarChart.niceCeiling(13)).isEqualTo(20);
        assertThat(BarChart.niceCeiling(41)).isEqualTo(50);
        assertThat(BarChart.niceCeiling(500)).isEqualTo(500);
    }
}
