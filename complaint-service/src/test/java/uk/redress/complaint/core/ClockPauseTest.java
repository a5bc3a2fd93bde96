package uk.redress.complaint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.core.Commands.Acknowledge;
import uk.redress.complaint.core.Commands.Extend;
import uk.redress.complaint.core.Commands.RecordInformationReceived;
import uk.redress.complaint.core.Commands.RequestInformation;
import uk.redress.complaint.core.Commands.Respond;
import uk.redress.testing.CouncilPolicy;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.process.DeadlineVariables;

/**
 * A clock that stops while the complainant is asked for information, under a council's policy that says so: the
 * dates below are counted by hand on a calendar of England and Wales.
 */
class ClockPauseTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(BankHolidays.shipped());
    private static final ProcedurePolicies PROCEDURES = ProcedurePolicies.load(Optional.of(CouncilPolicy.folder()));
    private static final RequestInformation OF_COMPLAINANT = new RequestInformation("complainant",
            "Please send the school's letter of 3 October.", Optional.empty(), true);

    private final List<RecordedEvent> history = new ArrayList<>();
    private Instant now;

    private ComplaintDecider decider() {
        return new ComplaintDecider(new ProcedureVersions(PROCEDURES), new DeadlineVariables(CALENDAR), CALENDAR,
                Clock.fixed(now, ZoneOffset.UTC), ComplaintFixtures.CATEGORIES);
    }

    private Complaint complaint() {
        return Complaint.replay(history).orElseThrow();
    }

    private void record(ComplaintEvent event) {
        history.add(new RecordedEvent(UUID.randomUUID(), UUID.fromString("00000000-0000-0000-0000-000000000002"),
                history.size() + 1, now, new EventContext("casey.officer", UUID.randomUUID(), null), event));
    }

    /** Received and acknowledged at 10:00 on {@code day}. */
    private void receivedAndAcknowledgedOn(String day) {
        now = Instant.parse(day + "T10:00:00Z");
        record(decider().receive(new ReceiveComplaint(CouncilPolicy.ID, ComplaintKind.COMPLAINT,
                new Complainant("Sam Taylor", "sam@example.org"), "Missed call-backs", "Three calls missed.",
                LocalDate.parse(day), Optional.empty(), Optional.empty(), false, "durham", List.of(),
                UUID.randomUUID(), false, Classification.NONE, Optional.empty())).numbered("SEND-2027-000001"));
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
    }

    private void on(String day) {
        now = Instant.parse(day + "T10:00:00Z");
    }

    @Test
    void aRequestOfTheComplainantStopsTheResponseClockAndTheAnswerMovesItByTheWorkingDaysItStood() {
        // Monday 11 January 2027: 15 working days end on Monday 1 February.
        receivedAndAcknowledgedOn("2027-01-11");
        assertThat(complaint().deadlines().get("stage1Response").dueDate()).isEqualTo("2027-02-01");

        on("2027-01-12");
        InformationRequested asked = decider().requestInformation(complaint(), OF_COMPLAINANT);
        assertThat(asked.clocksPaused()).containsExactly("stage1Response");
        record(asked);
        assertThat(complaint().pausedClocks()).containsEntry("stage1Response", LocalDate.parse("2027-01-12"));
        assertThat(complaint().isRunning("stage1Response")).isFalse();
        assertThat(complaint().unlapsedDeadlines()).as("a stopped clock cannot lapse").isEmpty();
        assertThat(decider().allowedActions(complaint())).contains(Action.RECORD_INFORMATION_RECEIVED)
                .doesNotContain(Action.EXTEND);
        assertThatThrownBy(() -> decider().extend(complaint(), new Extend("stage1Response",
                LocalDate.parse("2027-02-08"), "Records awaited", null)))
                .isInstanceOfSatisfying(ActionNotAllowedException.class, refused -> assertThat(refused.state())
                        .contains("the stage 1 response clock stopped for information since 2027-01-12"));

        // Monday 18 January: Wednesday 13 to Monday 18 is four working days.
        on("2027-01-18");
        InformationReceived answered = decider().recordInformationReceived(complaint(),
                new RecordInformationReceived("The letter, by email"));
        assertThat(answered.restarted()).singleElement().satisfies(resumed -> {
            assertThat(resumed.workingDaysPaused()).isEqualTo(4);
            assertThat(resumed.previousDueDate()).isEqualTo("2027-02-01");
            assertThat(resumed.deadline().dueDate()).isEqualTo("2027-02-05");
            assertThat(resumed.deadline().lapsesAt()).isEqualTo("2027-02-06T00:00:00Z");
        });
        record(answered);
        assertThat(complaint().isRunning("stage1Response")).isTrue();
        assertThat(complaint().deadlines().get("stage1Response").dueDate()).isEqualTo("2027-02-05");
        assertThat(complaint().originalDueDates().get("stage1Response")).as("a pause is not an extension")
                .isEqualTo("2027-02-05");
        assertThat(complaint().workingDaysPaused()).containsEntry("stage1Response", 4);
        assertThat(decider().allowedActions(complaint())).doesNotContain(Action.RECORD_INFORMATION_RECEIVED);
    }

    @Test
    void theDaysAClockStandsOverChristmasCountOnlyTheWorkingOnes() {
        // Monday 14 December 2026: 15 working days end on Thursday 7 January 2027 (25 and 28 December and 1 January
        // are bank holidays).
        receivedAndAcknowledgedOn("2026-12-14");
        assertThat(complaint().deadlines().get("stage1Response").dueDate()).isEqualTo("2027-01-07");

        on("2026-12-23");
        record(decider().requestInformation(complaint(), OF_COMPLAINANT));
        // Stopped on Wednesday 23 December, answered on Tuesday 29: of the days after the 23rd, the 24th and the 29th
        // count; 25, 26, 27 and 28 do not. Two working days on from Thursday 7 January is Monday 11.
        on("2026-12-29");
        record(decider().recordInformationReceived(complaint(), new RecordInformationReceived("The letter")));

        assertThat(complaint().workingDaysPaused()).containsEntry("stage1Response", 2);
        assertThat(complaint().deadlines().get("stage1Response").dueDate()).isEqualTo("2027-01-11");
    }

    @Test
    void aRequestOfSomeoneElseOrUnderAProcedureWhoseClocksRunOnStopsNothing() {
        receivedAndAcknowledgedOn("2027-01-11");
        on("2027-01-12");
        record(decider().requestInformation(complaint(), new RequestInformation("the school", "Which dates?",
                Optional.empty(), false)));

        assertThat(complaint().pausedClocks()).isEmpty();
        assertThat(complaint().deadlines().get("stage1Response").dueDate()).isEqualTo("2027-02-01");
        assertThatThrownBy(() -> decider().recordInformationReceived(complaint(),
                new RecordInformationReceived("The dates")))
                .isInstanceOf(ActionNotAllowedException.class);
    }

    @Test
    void aResponseWhileTheClockStandsMeetsItAndTheNextStagesClockRunsOnItsOwn() {
        receivedAndAcknowledgedOn("2027-01-11");
        on("2027-01-12");
        record(decider().requestInformation(complaint(), OF_COMPLAINANT));
        now = now.plus(Duration.ofDays(2));
        decider().respond(complaint(), new Respond(Responded.Outcome.NOT_UPHELD, List.of(), "Our response.",
                Optional.empty())).forEach(this::record);

        assertThat(complaint().pausedClocks()).isEmpty();
        assertThat(complaint().clocksMet()).containsKey("stage1Response");
        assertThat(decider().allowedActions(complaint())).doesNotContain(Action.RECORD_INFORMATION_RECEIVED);
    }
}
