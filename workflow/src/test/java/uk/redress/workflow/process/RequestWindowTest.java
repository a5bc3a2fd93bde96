package uk.redress.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.PolicyFileException;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;

/**
 * The window to ask for the next stage in the unit the policy says it in: "within one month of our response" ends on
 * the same day of the next month, or that month's last day where it has none; calendar days count every day. Each
 * date worked out by hand.
 */
class RequestWindowTest {

    private static final DeadlineVariables DEADLINES =
            new DeadlineVariables(WorkingDayCalendar.of(BankHolidays.shipped()));

    @TempDir
    Path folder;

    @Test
    void oneMonthEndsOnTheSameDayOfTheNextMonthOrItsLastDay() throws IOException {
        ProcedurePolicy procedure = withStage2Request("withinMonths: 1");

        assertThat(windowAfterResponseAt(procedure, "2027-03-15T16:00:00Z"))
                .contains(new Deadline(LocalDate.parse("2027-04-15"), Instant.parse("2027-04-15T23:00:00Z")));
        assertThat(windowAfterResponseAt(procedure, "2027-01-31T10:00:00Z")).as("February has no 31st")
                .contains(new Deadline(LocalDate.parse("2027-02-28"), Instant.parse("2027-03-01T00:00:00Z")));
        assertThat(windowAfterResponseAt(procedure, "2028-01-31T10:00:00Z")).as("a leap year")
                .map(Deadline::dueDate).contains(LocalDate.parse("2028-02-29"));
        // 00:30 on 1 July in the UK: the response was sent on 1 July.
        assertThat(windowAfterResponseAt(procedure, "2027-06-30T23:30:00Z"))
                .map(Deadline::dueDate).contains(LocalDate.parse("2027-08-01"));
    }

    @Test
    void calendarDaysCountWeekendsAndBankHolidays() throws IOException {
        ProcedurePolicy procedure = withStage2Request("withinCalendarDays: 14");

        // Friday 24 December: Christmas, Boxing Day and New Year's Day count like any other day.
        assertThat(windowAfterResponseAt(procedure, "2027-12-24T12:00:00Z"))
                .contains(new Deadline(LocalDate.parse("2028-01-07"), Instant.parse("2028-01-08T00:00:00Z")));
    }

    @Test
    void workingDaysAreCountedAsBefore() throws IOException {
        ProcedurePolicy procedure = withStage2Request("withinWorkingDays: 20");

        // Monday 1 March 2027: twenty working days on, with Good Friday (26 March) and Easter Monday (29 March) out.
        assertThat(windowAfterResponseAt(procedure, "2027-03-01T12:00:00Z"))
                .map(Deadline::dueDate).contains(LocalDate.parse("2027-03-31"));
    }

    @Test
    void aRequestGivesOneWindowAtMost() throws IOException {
        assertThatThrownBy(() -> withStage2Request("withinMonths: 1\n      withinWorkingDays: 20"))
                .isInstanceOf(PolicyFileException.class)
                .hasMessageContaining("stages[1].request: gives at most one of withinWorkingDays, "
                        + "withinCalendarDays and withinMonths");
        assertThatThrownBy(() -> withStage2Request("withinMonths: 0"))
                .hasMessageContaining("stages[1].request: its window must be more than 0");
    }

    private static Optional<Deadline> windowAfterResponseAt(ProcedurePolicy procedure, String respondedAt) {
        return DEADLINES.requestWindow(procedure, procedure.stages().getFirst(), Instant.parse(respondedAt));
    }

    private ProcedurePolicy withStage2Request(String window) throws IOException {
        Files.writeString(folder.resolve("two-stages.yaml"), """
                id: two-stages
                name: Two stages
                calendar: england-and-wales
                eligibility:
                  eventsWithinMonths: 12
                stages:
                  - id: stage-1
                    name: Stage 1
                    handledBy: caseworker
                    steps:
                      - {id: respond, name: Respond, meets: stage1Response}
                    clocks:
                      - {id: stage1Response, name: stage 1 response, startsAt: stage-start, workingDays: 10,
                         remindBeforeWorkingDays: [3], escalateEveryWorkingDays: 5}
                  - id: stage-2
                    name: Stage 2
                    handledBy: complaints-officer
                    request:
                      %s
                    steps:
                      - {id: review, name: Review, meets: stage2Response}
                    clocks:
                      - {id: stage2Response, name: stage 2 response, startsAt: stage-start, workingDays: 20,
                         remindBeforeWorkingDays: [5], escalateEveryWorkingDays: 5}
                """.formatted(window));
        return ProcedurePolicies.load(Optional.of(folder)).find("two-stages").orElseThrow();
    }
}
