package uk.redress.complaint.report;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A council's assessment of itself against the Complaint Handling Code for one reporting year: a row for each of the
 * Code's sections, in its order, blank where not yet assessed.
 *
 * @param year    the reporting year, by the year it starts in
 * @param version 0 until first saved; each save adds one (the {@code ETag})
 */
@Schema(name = "SelfAssessment")
public record SelfAssessment(int year, List<Row> sections, int version, Optional<String> updatedBy,
                             Optional<Instant> updatedAt) {

    public SelfAssessment {
        sections = List.copyOf(sections);
    }

    /**
     * @param complies whether the council complies with the section; absent until it says
     * @param evidence what shows it does, or where it does not
     * @param actions  what it will do, by when
     */
    @Schema(name = "SelfAssessmentEntry")
    public record Row(CodeSection section, Optional<Boolean> complies, String evidence, String actions) {

        public String title() {
            return section.title();
        }

        public String asks() {
            return section.asks();
        }
    }

    /** The Code's sections in order, each with what {@code saved} says of it. */
    public static List<Row> inCodeOrder(List<Row> saved) {
        Map<CodeSection, Row> bySection = saved.stream().collect(Collectors.toMap(Row::section, Function.identity()));
        return Arrays.stream(CodeSection.values())
                .map(section -> bySection.getOrDefault(section, new Row(section, Optional.empty(), "", "")))
                .toList();
    }

    /** Sections found not to comply. */
    public List<Row> notComplying() {
        return sections.stream().filter(row -> row.complies().filter(complies -> !complies).isPresent()).toList();
    }
}
