package uk.redress.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.calendar.DeadlineCount;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.PolicyFileException;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;

/**
 * A clock in the unit its policy says it in (working days, calendar days, calendar months), and the policy's own
 * time-of-day cut-off ("received after 4pm counts from the next working day"). Each date worked out by hand.
 */
class ClockLengthTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(BankHolidays.shipped());
    private static final DeadlineVariables DEADLINES = new DeadlineVariables(CALENDAR);

    @TempDir
    Path folder;

    @Test
    void aClockInCalendarDaysCountsEveryDayAndEndsOnWhateverDayThatIs() throws IOException {
        ProcedurePolicy procedure = withClock("calendarDays: 28", "");

        // Friday 18 December 2026: 28 days on is Friday 15 January 2027, Christmas and New Year counted.
        DeadlineCount count = countAt(procedure, "2026-12-18T10:00:00Z");
        assertThat(count.deadline()).isEqualTo(new Deadline(LocalDate.parse("2027-01-15"),
                Instant.parse("2027-01-16T00:00:00Z")));
        assertThat(count.skippedDays()).isEmpty();
        // Saturday 6 March 2027: a weekend receipt counts from that day; 28 days on is Saturday 3 April.
        assertThat(countAt(procedure, "2027-03-06T10:00:00Z").deadline().dueDate()).isEqualTo("2027-04-03");
        assertThat(procedure.stages().getFirst().clocks().getFirst().lengthInWords()).isEqualTo("28 days");
    }

    @Test
    void aClockInMonthsEndsOnTheSameDayOrTheMonthsLastDay() throws IOException {
        ProcedurePolicy procedure = withClock("months: 1", "");

        assertThat(countAt(procedure, "2027-01-31T10:00:00Z").deadline().dueDate()).isEqualTo("2027-02-28");
        // 14:00 GMT on 29 March is in summer time: the deadline ends at 23:00 GMT on 29 April.
        assertThat(countAt(procedure, "2027-03-29T14:00:00Z").deadline())
                .isEqualTo(new Deadline(LocalDate.parse("2027-04-29"), Instant.parse("2027-04-29T23:00:00Z")));
        assertThat(procedure.stages().getFirst().clocks().getFirst().lengthInWords()).isEqualTo("one month");
    }

    @Test
    void thePolicysCutOffMovesALateReceiptToTheNextWorkingDayWhateverTheServiceSays() throws IOException {
        ProcedurePolicy procedure = withClock("workingDays: 10", "cutOff: \"16:00\"");
        assertThat(procedure.cutOffTime()).contains(LocalTime.of(16, 0));

        // Monday 11 January 2027. At 15:59 it counts from the Monday: ten working days end on Monday 25 January.
        assertThat(countAt(procedure, "2027-01-11T15:59:00Z").deadline().dueDate()).isEqualTo("2027-01-25");
        // At 16:30 from Tuesday 12: Tuesday 26 January, the skipped Monday said why.
        DeadlineCount late = countAt(procedure, "2027-01-11T16:30:00Z");
        assertThat(late.deadline().dueDate()).isEqualTo("2027-01-26");
        assertThat(late.skippedDays().getFirst().reason()).contains("after the cut-off time of 16:00");
        // Friday 15 January at 17:00 counts from Monday 18: Monday 1 February.
        assertThat(countAt(procedure, "2027-01-15T17:00:00Z").deadline().dueDate()).isEqualTo("2027-02-01");
        // 16:30 in July is 15:30 GMT: before the cut-off is read in UK time, after it.
        assertThat(countAt(procedure, "2027-07-05T15:30:00Z").countedFrom()).isEqualTo("2027-07-06");

        // The service's calendar has its own cut-off at 17:00: the policy's, at 16:00, is the one that counts.
        DeadlineVariables serviceAt17 = new DeadlineVariables(CALENDAR.withCutOff(LocalTime.of(17, 0)));
        assertThat(serviceAt17.count(procedure, procedure.clocks().getFirst(), Instant.parse("2027-01-11T16:30:00Z"))
                .countedFrom()).isEqualTo("2027-01-12");
        ProcedurePolicy without = withClock("workingDays: 10", "");
        assertThat(serviceAt17.count(without, without.clocks().getFirst(), Instant.parse("2027-01-11T16:30:00Z"))
                .countedFrom()).as("without one, the service's").isEqualTo("2027-01-11");
    }

    @Test
    void aCalendarClockAfterTheCutOffCountsFromTheNextDay() throws IOException {
        ProcedurePolicy procedure = withClock("calendarDays: 14", "cutOff: \"16:00\"");

        assertThat(countAt(procedure, "2027-01-15T16:30:00Z").deadline().dueDate()).as("from Saturday 16")
                .isEqualTo("2027-01-30");
    }

    @Test
    void aClockGivesOneLengthAndAPolicyATime() {
        assertThatThrownBy(() -> withClock("calendarDays: 28\n    workingDays: 20", ""))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageContaining("stages[0].clocks[0]: gives one of workingDays, calendarDays and months, "
                        + "not more");
        assertThatThrownBy(() -> withClock("months: 0", ""))
                .hasMessageContaining("stages[0].clocks[0].months: must be more than 0");
        assertThatThrownBy(() -> withClock("calendarDays: 7", ""))
                .hasMessageContaining("stages[0].clocks[0].remindBeforeWorkingDays: must each be between 1 and 1 "
                        + "(7 days hold at least 2 working days)");
        assertThatThrownBy(() -> withClock("workingDays: 10", "cutOff: 4pm"))
                .hasMessageContaining("cutOff: must be a time of day such as 16:00, was '4pm'");
    }

    private static DeadlineCount countAt(ProcedurePolicy procedure, String at) {
        return DEADLINES.count(procedure, procedure.clocks().getFirst(), Instant.parse(at));
    }

    /** A one-stage procedure whose response clock runs {@code length}, with {@code more} at the top. */
    private ProcedurePolicy withClock(String length, String more) throws IOException {
        Files.writeString(folder.resolve("one-stage.yaml"), """
                id: one-stage
                name: One stage
                calendar: england-and-wales
                %s
                eligibility:
                  eventsWithinMonths: 12
                stages:
                  - id: stage-1
                    name: Stage 1
                    handledBy: caseworker
                    steps:
                      - {id: respond, name: Respond, meets: stage1Response}
                    clocks:
                      - id: stage1Response
                        name: stage 1 response
                        startsAt: stage-start
                        %s
                        remindBeforeWorkingDays: [3]
                        escalateEveryWorkingDays: 5
                """.formatted(more, length.replace("\n    ", "\n        ")));
        return ProcedurePolicies.load(Optional.of(folder)).find("one-stage").orElseThrow();
    }
}
