package uk.redress.workflow.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts working days, the unit every complaints procedure sets its deadlines in: the one place a due date is
 * computed.
 *
 * <p>A working day is any day but Saturday, Sunday and a bank holiday of the nation. The day of receipt is day 0;
 * something received on a non-working day, or after the cut-off time, counts from the next working day; "within N
 * working days" ends at the end of the Nth working day after, in UK time (DOMAIN.md, after the ICO).
 */
public final class WorkingDayCalendar {

    /** Deadlines end at midnight where the council is, whatever the server's zone, in GMT and BST alike. */
    public static final ZoneId UK_TIME = ZoneId.of("Europe/London");

    private final BankHolidays bankHolidays;
    private final Optional<LocalTime> cutOff;
    private final Map<Region, Map<Integer, List<LocalDate>>> weekdayHolidays = new ConcurrentHashMap<>();

    private WorkingDayCalendar(BankHolidays bankHolidays, Optional<LocalTime> cutOff) {
        this.bankHolidays = bankHolidays;
        this.cutOff = cutOff;
    }

    /** Counts with these bank holidays; without a cut-off, anything received during a working day counts from it. */
    public static WorkingDayCalendar of(BankHolidays bankHolidays) {
        return new WorkingDayCalendar(bankHolidays, Optional.empty());
    }

    /** The same calendar where something received after {@code cutOff} (UK time) counts from the next working day. */
    public WorkingDayCalendar withCutOff(LocalTime cutOff) {
        return new WorkingDayCalendar(bankHolidays, Optional.of(cutOff));
    }

    public BankHolidays bankHolidays() {
        return bankHolidays;
    }

    /** The time of day after which something received counts from the next working day; empty for none. */
    public Optional<LocalTime> cutOff() {
        return cutOff;
    }

    /** Why a day is not a working day in a nation; empty when it is one. */
    public Optional<String> whyNotWorking(Region region, LocalDate day) {
        DayOfWeek dayOfWeek = day.getDayOfWeek();
        if (dayOfWeek == DayOfWeek.SATURDAY || dayOfWeek == DayOfWeek.SUNDAY) {
            return Optional.of(dayOfWeek.getDisplayName(TextStyle.FULL, Locale.UK));
        }
        return bankHolidays.on(region, day).map(BankHoliday::describe);
    }

    public boolean isWorkingDay(Region region, LocalDate day) {
        return whyNotWorking(region, day).isEmpty();
    }

    /** The deadline {@code workingDays} working days after the instant something was received. */
    public DeadlineCount count(Region region, Instant receivedAt, int workingDays) {
        LocalDateTime received = LocalDateTime.ofInstant(receivedAt, UK_TIME);
        boolean afterCutOff = cutOff.filter(received.toLocalTime()::isAfter).isPresent();
        return count(region, received.toLocalDate(), afterCutOff, workingDays);
    }

    /** The deadline {@code workingDays} working days after the day something was received (time of day unknown). */
    public DeadlineCount count(Region region, LocalDate receivedOn, int workingDays) {
        return count(region, receivedOn, false, workingDays);
    }

    private DeadlineCount count(Region region, LocalDate receivedOn, boolean afterCutOff, int workingDays) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("working days must be zero or more, was " + workingDays);
        }
        List<SkippedDay> skipped = new ArrayList<>();
        LocalDate day = receivedOn;
        if (afterCutOff && isWorkingDay(region, day)) {
            skipped.add(new SkippedDay(day, "received after the cut-off time of " + cutOff.orElseThrow()
                    + ": counts as received on the next working day"));
            day = day.plusDays(1);
        }
        day = skipNonWorkingDays(region, day, skipped);
        LocalDate countedFrom = day;
        for (int counted = 0; counted < workingDays; counted++) {
            day = skipNonWorkingDays(region, day.plusDays(1), skipped);
        }
        Deadline deadline = Deadline.endOf(day);
        return new DeadlineCount(region, receivedOn, countedFrom, workingDays, deadline, skipped);
    }

    /** How many working days lie after {@code from} up to and including {@code to}: how far a deadline moved. */
    public int workingDaysBetween(Region region, LocalDate from, LocalDate to) {
        // Counted, not walked: the reports count this for every stage of every complaint.
        long days = ChronoUnit.DAYS.between(from, to);
        if (days <= 0) {
            return 0;
        }
        long weeks = days / 7;
        long weekdays = weeks * 5;
        for (LocalDate day = from.plusDays(weeks * 7 + 1); !day.isAfter(to); day = day.plusDays(1)) {
            if (!isWeekend(day)) {
                weekdays++;
            }
        }
        long holidays = 0;
        for (int year = from.plusDays(1).getYear(); year <= to.getYear(); year++) {
            for (LocalDate holiday : weekdayHolidays(region, year)) {
                if (holiday.isAfter(from) && !holiday.isAfter(to)) {
                    holidays++;
                }
            }
        }
        return (int) (weekdays - holidays);
    }

    /** The bank holidays of a year that fall on a weekday (a substitute day does; a weekend one does not count). */
    private List<LocalDate> weekdayHolidays(Region region, int year) {
        return weekdayHolidays.computeIfAbsent(region, r -> new ConcurrentHashMap<>()).computeIfAbsent(year,
                y -> bankHolidays.inYear(region, y).stream().map(BankHoliday::date)
                        .filter(day -> !isWeekend(day)).toList());
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** The working day {@code workingDays} working days before {@code day}: when a reminder goes out. */
    public LocalDate workingDaysBefore(Region region, LocalDate day, int workingDays) {
        LocalDate before = day;
        for (int counted = 0; counted < workingDays; ) {
            before = before.minusDays(1);
            if (isWorkingDay(region, before)) {
                counted++;
            }
        }
        return before;
    }

    /** The first working day from {@code day} on, noting each day passed over. */
    private LocalDate skipNonWorkingDays(Region region, LocalDate day, List<SkippedDay> skipped) {
        Optional<String> reason = whyNotWorking(region, day);
        while (reason.isPresent()) {
            skipped.add(new SkippedDay(day, reason.get()));
            day = day.plusDays(1);
            reason = whyNotWorking(region, day);
        }
        return day;
    }
}
