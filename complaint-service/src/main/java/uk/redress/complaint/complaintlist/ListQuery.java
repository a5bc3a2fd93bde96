package uk.redress.complaint.complaintlist;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What a caller asked of the list: every filter given must hold.
 *
 * @param overdue  true: some running deadline has lapsed; false: none has
 * @param text     found, whatever its case, in the reference or the summary
 * @param after    the cursor the previous page ended at
 */
public record ListQuery(Optional<String> status, Optional<String> stage, Optional<String> procedure,
                        Optional<Boolean> overdue, Optional<LocalDate> receivedFrom, Optional<LocalDate> receivedTo,
                        Optional<String> text, int limit, Optional<ListCursor> after) {
}
