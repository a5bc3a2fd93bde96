package uk.redress.complaint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.core.Commands.CompleteStep;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.process.DeadlineVariables;

/**
 * The Children Act's stage 2 runs from the day the complaint is agreed with the complainant, not the day it arrived: a
 * clock that starts after a recorded step ({@code startsAt: after:agree-statement}), in a policy written here.
 */
class AgreedStartTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(BankHolidays.shipped());
    private static final String POLICY = """
            id: agreed-start
            name: An investigation counted from the agreed statement
            calendar: england-and-wales
            eligibility:
              eventsWithinMonths: 12
            stages:
              - id: stage-1
                name: Investigation
                handledBy: complaints-officer
                steps:
                  - {id: agree-statement, name: Agree the statement of complaint with the complainant}
                  - {id: investigate, name: Investigate and respond, meets: investigation}
                clocks:
                  - {id: investigation, name: investigation, startsAt: "after:agree-statement", workingDays: 25,
                     remindBeforeWorkingDays: [5], escalateEveryWorkingDays: 5}
            """;

    @TempDir
    Path folder;

    private final List<RecordedEvent> history = new ArrayList<>();
    private ProcedurePolicies procedures;
    private Instant now;

    @Test
    void theClockStartsWhenTheStatementIsAgreedAndCountsFromThatDay() throws IOException {
        Files.writeString(folder.resolve("agreed-start.yaml"), POLICY);
        procedures = ProcedurePolicies.load(Optional.of(folder));

        // Received on Monday 11 January 2027: nothing runs until the statement is agreed.
        now = Instant.parse("2027-01-11T10:00:00Z");
        record(decider().receive(ReceiveComplaint.complaint("agreed-start",
                new Complainant("Sam Taylor", "sam@example.org"), "Missed call-backs", "Three calls missed.",
                LocalDate.parse("2027-01-11"), "durham")).numbered("SEND-2027-000002"));
        assertThat(complaint().deadlines()).isEmpty();

        // Agreed on Wednesday 20 January: 25 working days from then end on Wednesday 24 February.
        now = Instant.parse("2027-01-20T15:00:00Z");
        record(decider().completeStep(complaint(),
                new CompleteStep("agree-statement", "Agreed by phone and in writing")));
        assertThat(complaint().deadlines().get("investigation").dueDate()).isEqualTo("2027-02-24");
        assertThat(complaint().clocksStartedAt()).containsEntry("investigation", now);
        assertThat(decider().pendingStep(complaint()).orElseThrow().id()).isEqualTo("investigate");
    }

    private ComplaintDecider decider() {
        return new ComplaintDecider(new ProcedureVersions(procedures), new DeadlineVariables(CALENDAR), CALENDAR,
                Clock.fixed(now, ZoneOffset.UTC), ComplaintFixtures.CATEGORIES);
    }

    private Complaint complaint() {
        return Complaint.replay(history).orElseThrow();
    }

    private void record(ComplaintEvent event) {
        history.add(new RecordedEvent(UUID.randomUUID(), UUID.fromString("00000000-0000-0000-0000-000000000003"),
                history.size() + 1, now, new EventContext("casey.officer", UUID.randomUUID(), null), event));
    }
}
