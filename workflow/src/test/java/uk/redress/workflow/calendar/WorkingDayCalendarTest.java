package uk.redress.workflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkingDayCalendarTest {

    private final WorkingDayCalendar calendar = WorkingDayCalendar.weekendsOnly();

    @Test
    void threeWorkingDaysFromAThursdaySkipTheWeekend() {
        Deadline deadline = calendar.deadline(LocalDate.of(2026, 11, 26), 3);

        assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void threeWorkingDaysFromAMondayStayInTheWeek() {
        assertThat(calendar.deadline(LocalDate.of(2026, 11, 23), 3).dueDate()).isEqualTo(LocalDate.of(2026, 11, 26));
    }

    @Test
    void aComplaintReceivedOnSaturdayCountsFromMonday() {
        Deadline deadline = calendar.deadline(LocalDate.of(2026, 11, 28), 3);

        assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2026, 12, 3));
    }

    @Test
    void zeroWorkingDaysFromSundayIsMonday() {
        assertThat(calendar.deadline(LocalDate.of(2026, 11, 29), 0).dueDate()).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void twentyWorkingDaysSpanFourWeeks() {
        assertThat(calendar.deadline(LocalDate.of(2026, 11, 2), 20).dueDate()).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void aDeadlineInWinterLapsesAtMidnightGmt() {
        Deadline deadline = calendar.deadline(LocalDate.of(2026, 11, 26), 3);

        assertThat(deadline.lapsesAt()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void aDeadlineInSummerLapsesAtMidnightBritishSummerTime() {
        Deadline deadline = calendar.deadline(LocalDate.of(2026, 6, 29), 3);

        assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2026, 7, 2));
        assertThat(deadline.lapsesAt()).isEqualTo(Instant.parse("2026-07-02T23:00:00Z"));
    }

    @Test
    void aNegativeNumberOfWorkingDaysIsRefused() {
        assertThatThrownBy(() -> calendar.deadline(LocalDate.of(2026, 11, 26), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("working days");
    }
}
