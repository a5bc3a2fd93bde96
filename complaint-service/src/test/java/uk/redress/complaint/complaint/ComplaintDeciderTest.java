package uk.redress.complaint.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.redress.complaint.complaint.Commands.Acknowledge;
import uk.redress.complaint.complaint.Commands.DecideStage;
import uk.redress.complaint.complaint.Commands.Escalate;
import uk.redress.complaint.complaint.Commands.Extend;
import uk.redress.complaint.complaint.Commands.Respond;
import uk.redress.complaint.complaint.Commands.Withdraw;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.process.DeadlineVariables;

/** The rules of each procedure, decided without a server: a complaint's events in, an event or a refusal out. */
class ComplaintDeciderTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(BankHolidays.shipped());
    private static final ProcedurePolicies PROCEDURES = ProcedurePolicies.shipped();
    private static final Respond RESPONSE =
            new Respond(Responded.Outcome.UPHELD, List.of(Responded.Remedy.APOLOGY), "We are sorry.");

    private final List<RecordedEvent> history = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");

    private ComplaintDecider decider() {
        return new ComplaintDecider(PROCEDURES, new DeadlineVariables(CALENDAR), CALENDAR,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private Complaint complaint() {
        return Complaint.replay(history).orElseThrow();
    }

    private void record(ComplaintEvent event) {
        history.add(new RecordedEvent(UUID.randomUUID(), UUID.fromString("00000000-0000-0000-0000-000000000001"),
                history.size() + 1, now, EventContext.api(UUID.randomUUID()), event));
    }

    private void receive(String procedure, String receivedOn) {
        record(decider().receive(new ReceiveComplaint(procedure, new Complainant("Sam Taylor", "sam@example.org"),
                "Missed call-backs", "Three calls missed.", LocalDate.parse(receivedOn)), "SEND-2026-000001"));
    }

    @Test
    void durhamStartsBothStageOneClocksAtReceipt() {
        receive("durham-sendiass", "2026-11-23");

        assertThat(complaint().deadlines()).containsOnlyKeys("stage1Acknowledgement", "stage1Response");
        assertThat(complaint().deadlines().get("stage1Acknowledgement").dueDate()).isEqualTo("2026-11-26");
        assertThat(complaint().deadlines().get("stage1Response").dueDate()).isEqualTo("2026-12-21");
        assertThat(decider().allowedActions(complaint())).containsExactly("acknowledgement", "extensions", "withdrawal");
    }

    @Test
    void aComplaintReceivedTomorrowIsRefused() {
        assertThatThrownBy(() -> receive("durham-sendiass", "2026-11-24"))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.field()).isEqualTo("receivedAt"));
    }

    @Test
    void lgscoCountsTheStageOneResponseFromTheAcknowledgement() {
        receive("lgsco-code", "2026-11-23");
        assertThat(complaint().deadlines()).containsOnlyKeys("stage1Acknowledgement");

        now = Instant.parse("2026-11-25T15:00:00Z");
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));

        assertThat(complaint().deadlines().get("stage1Response").dueDate()).isEqualTo("2026-12-09");
        assertThat(complaint().clocksMet()).containsExactly("stage1Acknowledgement");
    }

    @Test
    void aResponseBeforeTheAcknowledgementIsRefusedNamingWhatIsAllowed() {
        receive("durham-sendiass", "2026-11-23");

        assertThatThrownBy(() -> decider().respond(complaint(), RESPONSE))
                .isInstanceOfSatisfying(ActionNotAllowedException.class, refused -> {
                    assertThat(refused.state()).isEqualTo("open at stage-1, waiting for: Acknowledge the complaint");
                    assertThat(refused.allowedActions()).containsExactly("acknowledgement", "extensions", "withdrawal");
                });
    }

    @Test
    void durhamStageTwoMustBeRequestedWithinTwentyWorkingDaysOfTheStageOneResponse() {
        receive("durham-sendiass", "2026-11-23");
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider().respond(complaint(), RESPONSE));
        // Responded on Monday 23 November 2026: the window closes at the end of Monday 21 December.
        assertThat(complaint().requestWindow().orElseThrow().dueDate()).isEqualTo("2026-12-21");

        now = Instant.parse("2026-12-21T23:59:00Z");
        assertThat(decider().allowedActions(complaint())).contains("escalation");
        now = Instant.parse("2026-12-22T00:00:00Z");
        assertThatThrownBy(() -> decider().escalate(complaint(), new Escalate("Still unhappy", "An apology")))
                .isInstanceOf(ActionNotAllowedException.class)
                .hasMessageContaining("escalation is not allowed");
    }

    @Test
    void aStageRequestStartsTheNextStagesClocksFromTheRequest() {
        receive("durham-sendiass", "2026-11-23");
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider().respond(complaint(), RESPONSE));
        now = Instant.parse("2026-12-01T11:00:00Z");

        record(decider().escalate(complaint(), new Escalate("Still unhappy", "An apology")));

        assertThat(complaint().stage()).isEqualTo("stage-2");
        // Requested on Tuesday 1 December: 5 working days is Tuesday 8; 20 skips Christmas Day and Boxing Day
        // (kept on Monday 28) and ends on Thursday 31.
        assertThat(complaint().deadlines().get("stage2Acknowledgement").dueDate()).isEqualTo("2026-12-08");
        assertThat(complaint().deadlines().get("stage2Response").dueDate()).isEqualTo("2026-12-31");
    }

    @Test
    void aStageDecisionMustBeOneOfTheStepsChoices() {
        receive("durham-sendiass", "2026-11-23");
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider().respond(complaint(), RESPONSE));
        record(decider().escalate(complaint(), new Escalate("Still unhappy", "An apology")));
        record(decider().acknowledge(complaint(), new Acknowledge("Received stage 2.")));

        assertThatThrownBy(() -> decider().decideStage(complaint(), new DecideStage("tribunal")))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.field()).isEqualTo("route"));
        record(decider().decideStage(complaint(), new DecideStage("investigation")));
        assertThat(decider().allowedActions(complaint())).containsExactly("response", "extensions", "withdrawal");
    }

    @Test
    void theFinalStagesResponseLeavesNothingButWithdrawal() {
        receive("council-corporate", "2026-11-23");
        record(decider().respond(complaint(), RESPONSE));
        record(decider().escalate(complaint(), new Escalate("Still unhappy", "An apology")));
        record(decider().respond(complaint(), RESPONSE));

        assertThat(decider().allowedActions(complaint())).containsExactly("withdrawal");
    }

    @Test
    void anLgscoExtensionNeedsItsReasonAndTheOmbudsmansDetailsAndStaysWithinTenWorkingDays() {
        receive("lgsco-code", "2026-11-23");
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        LocalDate due = complaint().deadlines().get("stage1Response").dueDate();
        LocalDate tenLater = CALENDAR.count(PROCEDURES.find("lgsco-code").orElseThrow().calendar(), due, 10)
                .deadline().dueDate();
        LocalDate elevenLater = CALENDAR.count(PROCEDURES.find("lgsco-code").orElseThrow().calendar(), due, 11)
                .deadline().dueDate();

        assertThatThrownBy(() -> decider().extend(complaint(), new Extend("stage1Response", tenLater, " ", "LGSCO")))
                .hasMessageContaining("reason is required");
        assertThatThrownBy(() -> decider().extend(complaint(), new Extend("stage1Response", tenLater, "Records", null)))
                .hasMessageContaining("ombudsmanDetails is required");
        assertThatThrownBy(() -> decider().extend(complaint(),
                new Extend("stage1Response", elevenLater, "Records", "LGSCO")))
                .hasMessageContaining("at most 10 working days after the original due date");
        record(decider().extend(complaint(), new Extend("stage1Response", tenLater, "Records", "LGSCO")));
        assertThat(complaint().deadlines().get("stage1Response").dueDate()).isEqualTo(tenLater);
    }

    @Test
    void theChildrensLocalResolutionMayBeExtendedOnceOnly() {
        receive("children-statutory", "2026-11-23");
        record(decider().extend(complaint(), new Extend("localResolution", LocalDate.parse("2026-12-14"),
                "Family away", null)));

        assertThat(decider().allowedActions(complaint())).doesNotContain("extensions");
        assertThatThrownBy(() -> decider().extend(complaint(), new Extend("localResolution",
                LocalDate.parse("2026-12-15"), "Again", null)))
                .isInstanceOf(ActionNotAllowedException.class);
    }

    @Test
    void anAcknowledgementDeadlineCannotBeExtended() {
        receive("durham-sendiass", "2026-11-23");

        assertThatThrownBy(() -> decider().extend(complaint(), new Extend("stage1Acknowledgement",
                LocalDate.parse("2026-11-30"), "Busy", null)))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.rule()).contains("cannot be extended"));
    }

    @Test
    void aWithdrawnComplaintAllowsNothing() {
        receive("durham-sendiass", "2026-11-23");
        record(decider().withdraw(complaint(), new Withdraw("Resolved")));

        assertThat(decider().allowedActions(complaint())).isEmpty();
        assertThatThrownBy(() -> decider().withdraw(complaint(), new Withdraw("Again")))
                .isInstanceOfSatisfying(ActionNotAllowedException.class,
                        refused -> assertThat(refused.state()).isEqualTo("withdrawn"));
    }
}
