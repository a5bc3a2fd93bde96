package uk.redress.workflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankHolidaysTest {

    private final BankHolidays shipped = BankHolidays.shipped();

    @Test
    void theShippedListCoversEveryNationFrom2015To2030() {
        for (Region region : Region.values()) {
            assertThat(shipped.isPublished(region, 2015)).as(region.id()).isTrue();
            assertThat(shipped.isPublished(region, 2030)).as(region.id()).isTrue();
            assertThat(shipped.isPublished(region, 2031)).as(region.id()).isFalse();
        }
        assertThat(shipped.inYear(Region.ENGLAND_AND_WALES, 2026)).hasSize(8);
        assertThat(shipped.inYear(Region.SCOTLAND, 2026)).hasSize(9);
        assertThat(shipped.inYear(Region.NORTHERN_IRELAND, 2026)).hasSize(10);
    }

    @Test
    void theShippedListAgreesWithTheRulesExceptForProclaimedDays() {
        List<LocalDate> proclaimed = List.of(LocalDate.of(2020, 5, 8), LocalDate.of(2020, 5, 4),
                LocalDate.of(2022, 6, 2), LocalDate.of(2022, 5, 30), LocalDate.of(2022, 6, 3),
                LocalDate.of(2022, 9, 19), LocalDate.of(2023, 5, 8));
        BankHolidays rulesOnly = BankHolidays.fromFile(Path.of("src/test/resources/calendar/only-2014.json"));
        for (Region region : Region.values()) {
            for (int year = 2015; year <= 2030; year++) {
                List<LocalDate> published = dates(shipped.inYear(region, year));
                List<LocalDate> byRule = dates(rulesOnly.inYear(region, year));
                published.removeAll(proclaimed);
                byRule.removeAll(proclaimed);
                assertThat(published).as(region.id() + " " + year).isEqualTo(byRule);
            }
        }
    }

    @Test
    void yearsBeyondTheListComeFromTheRulesAndSaySo() {
        // Christmas 2032 is a Saturday, Boxing Day a Sunday.
        assertThat(shipped.on(Region.ENGLAND_AND_WALES, LocalDate.of(2032, 12, 27))).hasValueSatisfying(day -> {
            assertThat(day.generated()).isTrue();
            assertThat(day.substitute()).isTrue();
            assertThat(day.describe()).contains("by rule");
        });
        assertThat(shipped.on(Region.ENGLAND_AND_WALES, LocalDate.of(2032, 12, 28))).isPresent();
        assertThat(shipped.on(Region.ENGLAND_AND_WALES, LocalDate.of(2026, 12, 25)))
                .hasValueSatisfying(day -> assertThat(day.generated()).isFalse());
    }

    @Test
    void aConfiguredListReplacesTheShippedOne(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("bank-holidays.json");
        String oneOff = "{\"title\": \"Extra bank holiday\", \"date\": \"2026-11-27\", \"notes\": \"\", \"bunting\": true}";
        Files.writeString(file, """
                {"england-and-wales": {"division": "england-and-wales", "events": [%1$s]},
                 "scotland": {"division": "scotland", "events": [%1$s]},
                 "northern-ireland": {"division": "northern-ireland", "events": [%1$s]}}
                """.formatted(oneOff));

        WorkingDayCalendar calendar = WorkingDayCalendar.of(BankHolidays.fromFile(file));

        assertThat(calendar.count(Region.SCOTLAND, LocalDate.parse("2026-11-26"), 1).deadline().dueDate())
                .isEqualTo("2026-11-30");
    }

    @Test
    void aListWithoutANationIsRefused(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("bank-holidays.json");
        Files.writeString(file, "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": "
                + "[{\"title\": \"Christmas Day\", \"date\": \"2026-12-25\", \"notes\": \"\"}]}}");

        assertThatThrownBy(() -> BankHolidays.fromFile(file)).hasMessageContaining("'scotland'");
    }

    private static List<LocalDate> dates(List<BankHoliday> days) {
        return new ArrayList<>(days.stream().map(BankHoliday::date).toList());
    }
}
