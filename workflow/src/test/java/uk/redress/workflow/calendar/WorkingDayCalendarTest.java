package uk.redress.workflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.redress.workflow.calendar.Region.ENGLAND_AND_WALES;
import static uk.redress.workflow.calendar.Region.NORTHERN_IRELAND;
import static uk.redress.workflow.calendar.Region.SCOTLAND;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every expected date here was counted by hand on a calendar, not by this code. */
class WorkingDayCalendarTest {

    private static final BankHolidays SHIPPED = BankHolidays.shipped();
    private final WorkingDayCalendar calendar = WorkingDayCalendar.of(SHIPPED);

    private LocalDate due(Region region, String receivedOn, int workingDays) {
        return calendar.count(region, LocalDate.parse(receivedOn), workingDays).deadline().dueDate();
    }

    @Test
    void workingDaysBetweenAreTheDaysAfterTheFirstUpToTheSecondThatAreWorkingDays() {
        // Christmas 2026 to the new year in England: 28 December (substitute for Boxing Day) and 1 January are off.
        assertThat(calendar.workingDaysBetween(ENGLAND_AND_WALES, LocalDate.parse("2026-12-24"),
                LocalDate.parse("2027-01-04"))).isEqualTo(4);
        // Scotland's 2 January, a Saturday in 2027, is taken on Monday 4 January.
        assertThat(calendar.workingDaysBetween(SCOTLAND, LocalDate.parse("2026-12-31"),
                LocalDate.parse("2027-01-08"))).isEqualTo(4);
        assertThat(calendar.workingDaysBetween(ENGLAND_AND_WALES, LocalDate.parse("2026-12-24"),
                LocalDate.parse("2026-12-24"))).isZero();
        assertThat(calendar.workingDaysBetween(ENGLAND_AND_WALES, LocalDate.parse("2027-01-04"),
                LocalDate.parse("2026-12-24"))).isZero();
        // Over spans up to a year and a half from days of 2025 to 2031 (published and generated years),
        // the same as a walk through the days asking each whether it is a working day.
        Random random = new Random(20261202);
        for (Region region : Region.values()) {
            for (LocalDate from = LocalDate.parse("2025-01-01"); from.isBefore(LocalDate.parse("2031-01-01"));
                 from = from.plusDays(1 + random.nextInt(9))) {
                LocalDate to = from.plusDays(random.nextInt(550));
                int walked = 0;
                for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
                    walked += calendar.isWorkingDay(region, day) ? 1 : 0;
                }
                assertThat(calendar.workingDaysBetween(region, from, to)).as("%s %s to %s", region, from, to)
                        .isEqualTo(walked);
            }
        }
    }

    @Test
    void threeWorkingDaysFromAThursdaySkipTheWeekend() {
        assertThat(due(ENGLAND_AND_WALES, "2026-11-26", 3)).isEqualTo("2026-12-01");
    }

    @Test
    void aComplaintReceivedOnSaturdayCountsFromMonday() {
        DeadlineCount count = calendar.count(ENGLAND_AND_WALES, LocalDate.parse("2026-11-28"), 3);

        assertThat(count.countedFrom()).isEqualTo("2026-11-30");
        assertThat(count.deadline().dueDate()).isEqualTo("2026-12-03");
        assertThat(count.skippedDays()).containsExactly(
                new SkippedDay(LocalDate.parse("2026-11-28"), "Saturday"),
                new SkippedDay(LocalDate.parse("2026-11-29"), "Sunday"));
    }

    @Test
    void twentyWorkingDaysOverChristmasAndNewYearSkipEveryHolidayAndSayWhy() {
        DeadlineCount count = calendar.count(ENGLAND_AND_WALES, LocalDate.parse("2026-12-18"), 20);

        assertThat(count.deadline().dueDate()).isEqualTo("2027-01-20");
        assertThat(count.skippedDays()).extracting(SkippedDay::date).map(LocalDate::toString).contains(
                "2026-12-25", "2026-12-28", "2027-01-01");
        assertThat(count.skippedDays()).contains(
                new SkippedDay(LocalDate.parse("2026-12-25"), "Christmas Day, bank holiday"),
                new SkippedDay(LocalDate.parse("2026-12-28"), "Boxing Day (substitute day), bank holiday"),
                new SkippedDay(LocalDate.parse("2027-01-01"), "New Year’s Day, bank holiday"));
    }

    @Test
    void easterSkipsGoodFridayEverywhereButEasterMondayOnlyOutsideScotland() {
        assertThat(due(ENGLAND_AND_WALES, "2026-04-01", 3)).isEqualTo("2026-04-08");
        assertThat(due(NORTHERN_IRELAND, "2026-04-01", 3)).isEqualTo("2026-04-08");
        assertThat(due(SCOTLAND, "2026-04-01", 3)).isEqualTo("2026-04-07");
    }

    @Test
    void boxingDayOnSaturday2020IsKeptOnMonday28() {
        assertThat(due(ENGLAND_AND_WALES, "2020-12-24", 3)).isEqualTo("2020-12-31");
    }

    @Test
    void christmasAndBoxingDayOnAWeekendIn2021AreKeptOnMonday27AndTuesday28() {
        assertThat(due(ENGLAND_AND_WALES, "2021-12-24", 3)).isEqualTo("2021-12-31");
        assertThat(due(ENGLAND_AND_WALES, "2021-12-31", 1)).as("New Year's Day 2022 on Monday 3").isEqualTo("2022-01-04");
    }

    @Test
    void christmasOnSunday2022IsKeptOnTuesday27AndScotlandAlsoKeepsTheSecondOfJanuary() {
        assertThat(due(ENGLAND_AND_WALES, "2022-12-23", 5)).isEqualTo("2023-01-04");
        assertThat(due(SCOTLAND, "2022-12-23", 5)).isEqualTo("2023-01-05");
    }

    @Test
    void christmasOnSaturday2027IsKeptOnMonday27AndBoxingDayOnTuesday28() {
        DeadlineCount count = calendar.count(ENGLAND_AND_WALES, LocalDate.parse("2027-12-24"), 1);

        assertThat(count.deadline().dueDate()).isEqualTo("2027-12-29");
        assertThat(count.skippedDays()).extracting(SkippedDay::reason).containsExactly("Saturday", "Sunday",
                "Christmas Day (substitute day), bank holiday", "Boxing Day (substitute day), bank holiday");
    }

    @Test
    void theMovedSpringHolidayAndPlatinumJubileeOf2022AreSkipped() {
        assertThat(due(ENGLAND_AND_WALES, "2022-06-01", 3)).isEqualTo("2022-06-08");
        assertThat(due(ENGLAND_AND_WALES, "2022-05-27", 1)).as("30 May 2022 was a working day").isEqualTo("2022-05-30");
    }

    @Test
    void theStateFuneralOf2022AndTheCoronationOf2023AreSkippedInEveryNation() {
        for (Region region : Region.values()) {
            assertThat(due(region, "2022-09-16", 1)).as(region.id()).isEqualTo("2022-09-20");
            assertThat(due(region, "2023-05-05", 1)).as(region.id()).isEqualTo("2023-05-09");
        }
    }

    @Test
    void scotlandHasItsSummerHolidayInEarlyAugustAndEnglandAtTheEnd() {
        assertThat(due(ENGLAND_AND_WALES, "2026-07-31", 1)).isEqualTo("2026-08-03");
        assertThat(due(SCOTLAND, "2026-07-31", 1)).isEqualTo("2026-08-04");
        assertThat(due(ENGLAND_AND_WALES, "2026-08-28", 1)).isEqualTo("2026-09-01");
        assertThat(due(SCOTLAND, "2026-08-28", 1)).isEqualTo("2026-08-31");
    }

    @Test
    void scotlandKeepsStAndrewsDayAndNorthernIrelandStPatricksAndTheBoyne() {
        assertThat(due(SCOTLAND, "2026-11-27", 1)).isEqualTo("2026-12-01");
        assertThat(due(ENGLAND_AND_WALES, "2026-11-27", 1)).isEqualTo("2026-11-30");
        assertThat(due(NORTHERN_IRELAND, "2026-03-16", 1)).isEqualTo("2026-03-18");
        assertThat(due(NORTHERN_IRELAND, "2026-07-10", 1)).as("12 July 2026 is a Sunday: kept on Monday 13")
                .isEqualTo("2026-07-14");
    }

    @Test
    void aDeadlineLapsesAtMidnightUkTimeInWinterAndInSummer() {
        assertThat(calendar.count(ENGLAND_AND_WALES, LocalDate.parse("2026-11-26"), 3).deadline().lapsesAt())
                .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(calendar.count(ENGLAND_AND_WALES, LocalDate.parse("2026-06-29"), 3).deadline().lapsesAt())
                .isEqualTo(Instant.parse("2026-07-02T23:00:00Z"));
    }

    @Test
    void aDeadlineAcrossTheClockChangeLapsesAtBritishSummerTimeMidnight() {
        // Clocks go forward on Sunday 29 March 2026.
        Deadline deadline = calendar.count(ENGLAND_AND_WALES, LocalDate.parse("2026-03-25"), 3).deadline();

        assertThat(deadline.dueDate()).isEqualTo("2026-03-30");
        assertThat(deadline.lapsesAt()).isEqualTo(Instant.parse("2026-03-30T23:00:00Z"));
    }

    @Test
    void anInstantIsReadInUkTime() {
        // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
        DeadlineCount count = calendar.count(ENGLAND_AND_WALES, Instant.parse("2026-06-30T23:30:00Z"), 1);

        assertThat(count.receivedOn()).isEqualTo("2026-07-01");
        assertThat(count.deadline().dueDate()).isEqualTo("2026-07-02");
    }

    @Test
    void somethingReceivedAfterTheCutOffCountsFromTheNextWorkingDay() {
        WorkingDayCalendar withCutOff = calendar.withCutOff(LocalTime.of(17, 0));

        DeadlineCount late = withCutOff.count(ENGLAND_AND_WALES, Instant.parse("2026-11-24T17:30:00Z"), 3);
        DeadlineCount onTime = withCutOff.count(ENGLAND_AND_WALES, Instant.parse("2026-11-24T16:59:00Z"), 3);

        assertThat(late.countedFrom()).isEqualTo("2026-11-25");
        assertThat(late.deadline().dueDate()).isEqualTo("2026-11-30");
        assertThat(late.skippedDays().getFirst().reason()).contains("after the cut-off time of 17:00");
        assertThat(onTime.deadline().dueDate()).isEqualTo("2026-11-27");
    }

    @Test
    void zeroWorkingDaysFromSundayIsMonday() {
        assertThat(due(ENGLAND_AND_WALES, "2026-11-29", 0)).isEqualTo("2026-11-30");
    }

    @Test
    void aNegativeNumberOfWorkingDaysIsRefused() {
        assertThatThrownBy(() -> calendar.count(ENGLAND_AND_WALES, LocalDate.parse("2026-11-26"), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("working days");
    }
}
