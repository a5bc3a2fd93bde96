package uk.redress.complaint.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;

/**
 * The staff a complaint is about, as the read models keep them: a JSON array of user ids in a {@code jsonb} column,
 * which a list filters with {@link #EXCLUDES}. Written as text cast to jsonb: a string bound straight to a jsonb
 * parameter would be stored as one JSON string.
 */
public final class StaffConcerned {

    /** SQL that holds when the user id bound at {@code $n} is not among the row's staff concerned. */
    private static final String EXCLUDES = "NOT (staff_concerned @> jsonb_build_array(CAST(%s AS text)))";

    private static final ObjectMapper JSON = new ObjectMapper();

    private StaffConcerned() {
    }

    public static String toJson(Collection<String> staff) {
        try {
            return JSON.writeValueAsString(List.copyOf(staff).stream().sorted().toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    /** The condition a list adds for {@code caller}: its organisation, and nothing about the caller. */
    public static String visibleTo(String organisationParameter, String callerParameter) {
        return "organisation = " + organisationParameter + " AND " + EXCLUDES.formatted(callerParameter);
    }
}
