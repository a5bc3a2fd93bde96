package uk.redress.complaint.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.complaint.complaintlist.ComplaintList;
import uk.redress.complaint.complaintlist.ComplaintSummary;
import uk.redress.complaint.complaintlist.ListCursor;

/** A page of the complaint list. */
@Schema(name = "ComplaintList")
public record ComplaintListResponse(
        @Schema(description = "Newest received first") List<Item> items,
        @Schema(description = "Pass as cursor for the next page; null on the last page",
                examples = "djF8MjAyNi0xMS0yM3wxYjRlMjhiYS0yY2ZiLTRkNjctYjMzYy1lMTBiNmJmN2I3Zjc")
        String nextCursor) {

    @Schema(name = "ComplaintListItem")
    public record Item(
            UUID id,
            @Schema(examples = "SEND-2026-000123") String reference,
            @Schema(examples = "durham-sendiass") String procedure,
            @Schema(examples = "stage-1") String stage,
            @Schema(examples = "OPEN") String status,
            @Schema(examples = "No reply to our request for an EHC needs assessment") String summary,
            @Schema(examples = "2026-11-23") LocalDate receivedAt,
            @Schema(description = "When the earliest running deadline lapses; null when none runs",
                    examples = "2026-11-27T00:00:00Z") Instant nextLapseAt,
            @Schema(description = "Some running deadline has lapsed") boolean overdue,
            @Schema(description = "The complaint's version (its ETag)", examples = "2") int version,
            @Schema(description = "When its latest event was recorded") Instant lastEventAt) {
    }

    public static ComplaintListResponse of(ComplaintList.Page page) {
        return new ComplaintListResponse(page.items().stream().map(item -> item(item, page.now())).toList(),
                page.next().map(ListCursor::encode).orElse(null));
    }

    private static Item item(ComplaintSummary summary, Instant now) {
        return new Item(summary.id(), summary.reference(), summary.procedure(), summary.stage(), summary.status(),
                summary.summary(), summary.receivedOn(), summary.nextLapseAt().orElse(null), summary.overdueAt(now),
                summary.version(), summary.lastEventAt());
    }
}
