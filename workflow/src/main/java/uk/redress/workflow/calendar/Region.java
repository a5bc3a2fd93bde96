package uk.redress.workflow.calendar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A nation whose bank holidays a working-day calendar skips. The ids are GOV.UK's division names. */
public enum Region {
    ENGLAND_AND_WALES("england-and-wales", "eng"),
    SCOTLAND("scotland", "sct"),
    NORTHERN_IRELAND("northern-ireland", "nir");

    private final String id;
    private final String jollydaySubdivision;

    Region(String id, String jollydaySubdivision) {
        this.id = id;
        this.jollydaySubdivision = jollydaySubdivision;
    }

    @JsonValue
    public String id() {
        return id;
    }

    String jollydaySubdivision() {
        return jollydaySubdivision;
    }

    @JsonCreator
    public static Region byId(String id) {
        return Arrays.stream(values())
                .filter(region -> region.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown region '" + id + "'; the regions are "
                        + Arrays.stream(values()).map(Region::id).collect(Collectors.joining(", "))));
    }
}
