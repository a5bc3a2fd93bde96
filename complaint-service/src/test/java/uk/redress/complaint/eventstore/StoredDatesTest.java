package uk.redress.complaint.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.core.DeadlineExtended;
import uk.redress.workflow.calendar.Deadline;

/** The event store's dates read by position agree with java.time's formatters, and hand anything else to Jackson. */
class StoredDatesTest {

    private final EventCodec codec = new EventCodec(JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());

    @Test
    void everyInstantReadsAsJavaTimeReadsIt() {
        SplittableRandom random = new SplittableRandom(20261203);
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            // Whole seconds, milliseconds, microseconds and nanoseconds, as ISO_INSTANT writes each.
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), nanos);
            String text = DateTimeFormatter.ISO_INSTANT.format(instant);
            assertThat(StoredDates.instant(text)).as(text).isEqualTo(instant);
        }
    }

    @Test
    void everyDayOfFourCenturiesReadsAsJavaTimeReadsIt() {
        for (LocalDate day = LocalDate.of(1900, 1, 1); day.getYear() < 2300; day = day.plusDays(1)) {
            assertThat(StoredDates.date(day.toString())).isEqualTo(day);
        }
    }

    @Test
    void textInAnyOtherFormIsLeftToJackson() {
        for (String text : new String[] {"2026-02-29", "2026-13-01", "2026-12-3", "2026/12/03", "+12026-12-03",
                "2026-12-03T00:00:00", "2026-12-03"}) {
            assertThat(StoredDates.instant(text)).as(text).isNull();
        }
        for (String text : new String[] {"2026-12-03T24:00:00Z", "2026-12-03T23:60:00Z", "2026-12-31T23:59:60Z",
                "2026-12-03T09:15:02+01:00", "2026-12-03T09:15:02.Z", "2026-12-03T09:15:02.1234567890Z",
                "2026-12-03T09:15:02,5Z", "2026-12-03 09:15:02Z", "2026-12-03T09:1a:02Z", "2026-02-30T09:15:02Z"}) {
            assertThat(StoredDates.instant(text)).as(text).isNull();
        }
        for (String text : new String[] {"2026-02-29", "2026-04-31", "2026-00-10", "2026-1-10", "20261203",
                "2026-12-03T00:00:00Z", "２０２６-12-03"}) {
            assertThat(StoredDates.date(text)).as(text).isNull();
        }
    }

    @Test
    void aStoredEventInAnotherFormJacksonReadsIsReadTheSame() {
        DeadlineExtended written = new DeadlineExtended("stage1Response", LocalDate.of(2026, 12, 3),
                new Deadline(LocalDate.of(2026, 12, 17), Instant.parse("2026-12-18T00:00:00Z")),
                "The school's records arrive next week", null);
        String stored = codec.toJson(written);

        assertThat(codec.fromJson("DeadlineExtended", stored)).isEqualTo(written);
        assertThat(codec.fromJson("DeadlineExtended",
                stored.replace("\"2026-12-18T00:00:00Z\"", "\"2026-12-18T01:00:00+01:00\"")))
                .isEqualTo(written);
        assertThat(codec.fromJson("DeadlineExtended", stored.replace("\"2026-12-18T00:00:00Z\"", "1797552000")))
                .isEqualTo(written);
        DeadlineExtended erased = (DeadlineExtended) codec.fromStoredJson("DeadlineExtended", stored,
                UUID.randomUUID(), Optional.empty());
        assertThat(erased.deadline()).isEqualTo(written.deadline());
        assertThat(erased.previousDueDate()).isEqualTo(written.previousDueDate());
    }

    @Test
    void aStoredDateThatIsNoDayIsRefusedAsJacksonRefusesIt() {
        String stored = codec.toJson(new DeadlineExtended("stage1Response", LocalDate.of(2026, 12, 3),
                new Deadline(LocalDate.of(2026, 12, 17), Instant.parse("2026-12-18T00:00:00Z")), "Records", null));

        assertThatThrownBy(() -> codec.fromJson("DeadlineExtended", stored.replace("2026-12-17", "2026-02-30")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot read a stored DeadlineExtended event")
                .cause().hasMessageContaining("2026-02-30");
    }
}
