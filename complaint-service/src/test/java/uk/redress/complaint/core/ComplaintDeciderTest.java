package uk.redress.complaint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
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
import uk.redress.complaint.core.Commands.Close;
import uk.redress.complaint.core.Commands.CompleteStep;
import uk.redress.complaint.core.Commands.DecideStage;
import uk.redress.complaint.core.Commands.Escalate;
import uk.redress.complaint.core.Commands.Extend;
import uk.redress.complaint.core.Commands.RecordOmbudsmanDecision;
import uk.redress.complaint.core.Commands.ReferToOmbudsman;
import uk.redress.complaint.core.Commands.RequestInformation;
import uk.redress.complaint.core.Commands.Respond;
import uk.redress.complaint.core.Commands.Withdraw;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.calendar.Region;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.process.DeadlineVariables;

/** The rules of each procedure, decided without a server: a complaint's events in, an event or a refusal out. */
class ComplaintDeciderTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(BankHolidays.shipped());
    private static final ProcedurePolicies PROCEDURES = ProcedurePolicies.shipped();
    private static final Respond RESPONSE =
            new Respond(Responded.Outcome.UPHELD, List.of(Responded.Remedy.APOLOGY), "We are sorry.", Optional.empty());

    private static final Escalate ESCALATION = new Escalate("Still unhappy", "An apology", Optional.empty());

    private final List<RecordedEvent> history = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");

    private ComplaintDecider decider() {
        return new ComplaintDecider(new ProcedureVersions(PROCEDURES), new DeadlineVariables(CALENDAR), CALENDAR,
                Clock.fixed(now, ZoneOffset.UTC), ComplaintFixtures.CATEGORIES);
    }

    private Complaint complaint() {
        return Complaint.replay(history).orElseThrow();
    }

    private void record(ComplaintEvent event) {
        history.add(new RecordedEvent(UUID.randomUUID(), UUID.fromString("00000000-0000-0000-0000-000000000001"),
                history.size() + 1, now, new EventContext("casey.officer", UUID.randomUUID(), null), event));
    }

    private void record(List<ComplaintEvent> events) {
        events.forEach(this::record);
    }

    private void receive(String procedure, String receivedOn) {
        receive(procedure, ComplaintKind.COMPLAINT, receivedOn, null, null, false);
    }

    private void receive(String procedure, ComplaintKind kind, String receivedOn, String eventsOccurredOn,
                         String outOfTimeReason, boolean aboutHandler) {
        record(decider().receive(new ReceiveComplaint(procedure, kind, new Complainant("Sam Taylor", "sam@example.org"),
                "Missed call-backs", "Three calls missed.", LocalDate.parse(receivedOn),
                Optional.ofNullable(eventsOccurredOn).map(LocalDate::parse), Optional.ofNullable(outOfTimeReason),
                aboutHandler, "durham", List.of(), UUID.randomUUID(), false, Classification.NONE, Optional.empty()))
                .numbered("SEND-2026-000001"));
    }

    @Test
    void durhamStartsBothStageOneClocksAtReceipt() {
        receive("durham-sendiass", "2026-11-23");

        assertThat(complaint().deadlines()).containsOnlyKeys("stage1Acknowledgement", "stage1Response");
        assertThat(complaint().deadlines().get("stage1Acknowledgement").dueDate()).isEqualTo("2026-11-26");
        assertThat(complaint().deadlines().get("stage1Response").dueDate()).isEqualTo("2026-12-21");
        assertThat(decider().allowedActions(complaint())).containsExactly(Action.ACKNOWLEDGE,
                Action.REQUEST_INFORMATION, Action.EXTEND, Action.WITHDRAW, Action.REFER_TO_OMBUDSMAN);
    }

    @Test
    void aDeadlineIsUnlapsedUntilItsLapseIsRecordedAndAgainOnceExtendedUntilItsStepIsDone() {
        receive("durham-sendiass", "2026-11-23");
        assertThat(complaint().unlapsedDeadlines()).containsOnlyKeys("stage1Acknowledgement", "stage1Response");

        Deadline acknowledgement = complaint().deadlines().get("stage1Acknowledgement");
        record(new DeadlineLapsed("stage1Acknowledgement", acknowledgement.dueDate(), acknowledgement.lapsesAt()));
        assertThat(complaint().unlapsedDeadlines()).containsOnlyKeys("stage1Response");
        assertThat(complaint().lapseRecorded("stage1Acknowledgement", acknowledgement.dueDate())).isTrue();

        Deadline response = complaint().deadlines().get("stage1Response");
        record(new DeadlineLapsed("stage1Response", response.dueDate(), response.lapsesAt()));
        LocalDate later = CALENDAR.count(Region.ENGLAND_AND_WALES, response.dueDate(), 5).deadline().dueDate();
        record(decider().extend(complaint(), new Extend("stage1Response", later, "Records awaited", null)));
        assertThat(complaint().unlapsedDeadlines()).containsOnlyKeys("stage1Response");
        assertThat(complaint().unlapsedDeadlines().get("stage1Response").dueDate()).isEqualTo(later);

        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider().respond(complaint(), RESPONSE));
        assertThat(complaint().unlapsedDeadlines()).as("every step done").isEmpty();
    }

    @Test
    void aPaymentIsRecordedWithItsAmountAndAnAmountOnlyWithAPayment() {
        receive("durham-sendiass", "2026-11-23");
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        List<Responded.Remedy> paid = List.of(Responded.Remedy.APOLOGY, Responded.Remedy.PAYMENT);

        assertThatThrownBy(() -> decider().respond(complaint(), new Respond(Responded.Outcome.UPHELD, paid,
                "Sorry.", Optional.empty())))
                .isInstanceOfSatisfying(InvalidCommandException.class, refused -> {
                    assertThat(refused.field()).isEqualTo("paymentAmount");
                    assertThat(refused.rule()).startsWith("is required with the remedy PAYMENT");
                });
        assertThatThrownBy(() -> decider().respond(complaint(), new Respond(Responded.Outcome.UPHELD,
                List.of(Responded.Remedy.APOLOGY), "Sorry.", Optional.of(new BigDecimal("50.00")))))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("applies only with the remedy PAYMENT"));

        record(decider().respond(complaint(), new Respond(Responded.Outcome.UPHELD, paid, "Sorry.",
                Optional.of(new BigDecimal("250.00")))));
        assertThat(complaint().stages().getFirst().payment()).contains(new BigDecimal("250.00"));
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
        assertThat(complaint().clocksMet()).containsOnlyKeys("stage1Acknowledgement");
    }

    @Test
    void aResponseBeforeTheAcknowledgementIsRefusedNamingWhatIsAllowed() {
        receive("durham-sendiass", "2026-11-23");

        assertThatThrownBy(() -> decider().respond(complaint(), RESPONSE))
                .isInstanceOfSatisfying(ActionNotAllowedException.class, refused -> {
                    assertThat(refused.state()).isEqualTo("open at stage-1, waiting for: Acknowledge the complaint");
                    assertThat(refused.allowedActions()).containsExactly(Action.ACKNOWLEDGE, Action.REQUEST_INFORMATION,
                            Action.EXTEND, Action.WITHDRAW, Action.REFER_TO_OMBUDSMAN);
                });
    }

    @Test
    void durhamStageTwoAskedForAfterItsWindowNeedsAReasonToAccept() {
        receive("durham-sendiass", "2026-11-23");
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider().respond(complaint(), RESPONSE));
        // Responded on Monday 23 November 2026: the window closes at the end of Monday 21 December.
        assertThat(complaint().requestWindow().orElseThrow().dueDate()).isEqualTo("2026-12-21");

        now = Instant.parse("2026-12-21T23:59:00Z");
        assertThatThrownBy(() -> decider().escalate(complaint(),
                new Escalate("Still unhappy", "An apology", Optional.of("Was in hospital"))))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.field()).isEqualTo("lateAcceptanceReason"));
        now = Instant.parse("2026-12-22T00:00:00Z");
        assertThatThrownBy(() -> decider().escalate(complaint(), ESCALATION))
                .isInstanceOfSatisfying(InvalidCommandException.class, refused -> {
                    assertThat(refused.field()).isEqualTo("lateAcceptanceReason");
                    assertThat(refused.rule()).contains("closed at the end of 2026-12-21");
                });

        Escalated late = decider().escalate(complaint(),
                new Escalate("Still unhappy", "An apology", Optional.of("Was in hospital")));
        assertThat(late.lateAcceptanceReason()).contains("Was in hospital");
        assertThat(late.toStage()).isEqualTo("stage-2");
    }

    @Test
    void aStageRequestStartsTheNextStagesClocksFromTheRequest() {
        receive("durham-sendiass", "2026-11-23");
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider().respond(complaint(), RESPONSE));
        now = Instant.parse("2026-12-01T11:00:00Z");

        record(decider().escalate(complaint(), ESCALATION));

        assertThat(complaint().stage()).contains("stage-2");
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
        record(decider().escalate(complaint(), ESCALATION));
        record(decider().acknowledge(complaint(), new Acknowledge("Received stage 2.")));

        assertThatThrownBy(() -> decider().decideStage(complaint(), new DecideStage("tribunal")))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.field()).isEqualTo("route"));
        record(decider().decideStage(complaint(), new DecideStage("investigation")));
        assertThat(decider().allowedActions(complaint())).containsExactly(Action.RESPOND, Action.REQUEST_INFORMATION,
                Action.EXTEND, Action.WITHDRAW, Action.REFER_TO_OMBUDSMAN);
    }

    @Test
    void theFinalStagesResponseClosesTheComplaintLeavingTheOmbudsman() {
        receive("council-corporate", "2026-11-23");
        record(decider().respond(complaint(), RESPONSE));
        assertThat(decider().allowedActions(complaint())).containsExactly(Action.ESCALATE, Action.CLOSE,
                Action.WITHDRAW, Action.REFER_TO_OMBUDSMAN);
        record(decider().escalate(complaint(), ESCALATION));

        List<ComplaintEvent> finalResponse = decider().respond(complaint(), RESPONSE);
        assertThat(finalResponse).hasSize(2).last().isEqualTo(new Closed(Closed.FINAL_RESPONSE));
        record(finalResponse);

        assertThat(complaint().status()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(decider().allowedActions(complaint())).containsExactly(Action.REFER_TO_OMBUDSMAN);
    }

    @Test
    void theOmbudsmansReferralAndDecisionAreRecordedOnceEachAndInOrder() {
        receive("council-corporate", "2026-11-23");
        assertThatThrownBy(() -> decider().recordOmbudsmanDecision(complaint(), new RecordOmbudsmanDecision(
                LocalDate.parse("2026-11-23"), OmbudsmanDecided.Decision.UPHELD, "Fault", null)))
                .isInstanceOf(ActionNotAllowedException.class);
        assertThatThrownBy(() -> decider().referToOmbudsman(complaint(),
                new ReferToOmbudsman(LocalDate.parse("2026-11-24"), "26 012 345")))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.field()).isEqualTo("referredOn"));
        record(decider().referToOmbudsman(complaint(), new ReferToOmbudsman(LocalDate.parse("2026-11-23"),
                "26 012 345")));
        assertThat(decider().allowedActions(complaint())).doesNotContain(Action.REFER_TO_OMBUDSMAN)
                .contains(Action.RECORD_OMBUDSMAN_DECISION);

        assertThatThrownBy(() -> decider().recordOmbudsmanDecision(complaint(), new RecordOmbudsmanDecision(
                LocalDate.parse("2026-11-22"), OmbudsmanDecided.Decision.UPHELD, "Fault", null)))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.field()).isEqualTo("decidedOn"));
        record(decider().recordOmbudsmanDecision(complaint(), new RecordOmbudsmanDecision(
                LocalDate.parse("2026-11-23"), OmbudsmanDecided.Decision.UPHELD, "Fault", "Apologise")));

        assertThat(complaint().ombudsman().orElseThrow().decision().orElseThrow().decision())
                .isEqualTo(OmbudsmanDecided.Decision.UPHELD);
        assertThat(decider().allowedActions(complaint()))
                .doesNotContain(Action.REFER_TO_OMBUDSMAN, Action.RECORD_OMBUDSMAN_DECISION);
    }

    @Test
    void aComplaintClosesOnlyOnceTheStageHasResponded() {
        receive("durham-sendiass", "2026-11-23");
        assertThatThrownBy(() -> decider().close(complaint(), new Close("No reply")))
                .isInstanceOf(ActionNotAllowedException.class);
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider().respond(complaint(), RESPONSE));

        record(decider().close(complaint(), new Close("No stage 2 request")));

        assertThat(complaint().status()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(decider().describe(complaint())).isEqualTo("closed");
        assertThat(decider().allowedActions(complaint())).containsExactly(Action.REFER_TO_OMBUDSMAN);
    }

    @Test
    void informationIsAskedForWhileAStepIsPendingAndMovesNoClock() {
        receive("durham-sendiass", "2026-11-23");
        var before = complaint().deadlines();
        assertThatThrownBy(() -> decider().requestInformation(complaint(), new RequestInformation("complainant",
                "Which school?", Optional.of(LocalDate.parse("2026-11-23")), true)))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.field()).isEqualTo("answerBy"));

        record(decider().requestInformation(complaint(), new RequestInformation("complainant", "Which school?",
                Optional.of(LocalDate.parse("2026-11-30")), true)));

        assertThat(complaint().informationRequests()).isEqualTo(1);
        assertThat(complaint().deadlines()).isEqualTo(before);
        assertThat(complaint().pausedClocks()).as("Durham's clocks do not pause").isEmpty();
        assertThat(decider().allowedActions(complaint())).doesNotContain(Action.RECORD_INFORMATION_RECEIVED);
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider().respond(complaint(), RESPONSE));
        assertThat(decider().allowedActions(complaint())).doesNotContain(Action.REQUEST_INFORMATION);
    }

    @Test
    void durhamPassesCommentsOnWithNoStageOrDeadline() {
        receive("durham-sendiass", ComplaintKind.COMMENT, "2026-11-23", null, null, false);

        assertThat(complaint().stage()).isEmpty();
        assertThat(complaint().deadlines()).isEmpty();
        assertThat(decider().allowedActions(complaint())).containsExactly(Action.CLOSE, Action.WITHDRAW);
        assertThat(decider().describe(complaint())).isEqualTo("open: a comment to pass on");
        record(decider().close(complaint(), new Close("Passed to the coordinator")));
        assertThat(complaint().status()).isEqualTo(ComplaintStatus.CLOSED);
    }

    @Test
    void aProcedureWithoutFeedbackRefusesACompliment() {
        assertThatThrownBy(() -> receive("lgsco-code", ComplaintKind.COMPLIMENT, "2026-11-23", null, null, false))
                .isInstanceOfSatisfying(InvalidCommandException.class, refused -> {
                    assertThat(refused.field()).isEqualTo("kind");
                    assertThat(refused.rule()).contains("takes no comments or compliments");
                });
    }

    @Test
    void anAppealIsSignpostedToItsAppealAndRunsNoProcedure() {
        receive("durham-sendiass", ComplaintKind.APPEAL, "2026-11-23", null, null, false);

        assertThat(complaint().status()).isEqualTo(ComplaintStatus.SIGNPOSTED);
        assertThat(complaint().signposting()).hasValueSatisfying(text -> assertThat(text)
                .contains("A complaint cannot change this decision").contains("Tribunal"));
        assertThat(complaint().deadlines()).isEmpty();
        assertThat(decider().allowedActions(complaint())).isEmpty();
        assertThatThrownBy(() -> decider().acknowledge(complaint(), new Acknowledge("Received.")))
                .isInstanceOfSatisfying(ActionNotAllowedException.class, refused -> assertThat(refused.state())
                        .isEqualTo("signposted: appeal, not handled under the procedure"));
    }

    @Test
    void aDiscriminationClaimIsSignpostedToo() {
        receive("council-corporate", ComplaintKind.DISCRIMINATION_CLAIM, "2026-11-23", null, null, false);

        assertThat(complaint().status()).isEqualTo(ComplaintStatus.SIGNPOSTED);
        assertThat(complaint().signposting()).hasValueSatisfying(text -> assertThat(text)
                .contains("disability discrimination"));
    }

    @Test
    void aComplaintAboutEventsOverTwelveMonthsOldNeedsAReasonToAccept() {
        assertThatThrownBy(() -> receive("durham-sendiass", ComplaintKind.COMPLAINT, "2026-11-23", "2025-11-22",
                null, false))
                .isInstanceOfSatisfying(InvalidCommandException.class, refused -> {
                    assertThat(refused.field()).isEqualTo("outOfTimeReason");
                    assertThat(refused.rule()).contains("within 12 months of receipt (from 2025-11-23)");
                });
        assertThatThrownBy(() -> receive("durham-sendiass", ComplaintKind.COMPLAINT, "2026-11-23", "2025-11-23",
                "Only just found out", false))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.field()).isEqualTo("outOfTimeReason"));
        assertThatThrownBy(() -> receive("durham-sendiass", ComplaintKind.COMPLAINT, "2026-11-23", "2026-11-24",
                null, false))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.field()).isEqualTo("eventsOccurredOn"));

        receive("durham-sendiass", ComplaintKind.COMPLAINT, "2026-11-23", "2025-11-22", "Only just found out", false);

        ComplaintReceived received = (ComplaintReceived) history.getFirst().event();
        assertThat(received.outOfTimeReason()).contains("Only just found out");
        assertThat(complaint().deadlines()).containsKey("stage1Response");
    }

    @Test
    void aDurhamComplaintAboutTheCoordinatorStartsAtStageTwoFromReceipt() {
        receive("durham-sendiass", ComplaintKind.COMPLAINT, "2026-11-23", null, null, true);

        assertThat(complaint().stage()).contains("stage-2");
        assertThat(complaint().deadlines()).containsOnlyKeys("stage2Acknowledgement", "stage2Response");
        assertThat(complaint().deadlines().get("stage2Acknowledgement").dueDate()).isEqualTo("2026-11-30");
    }

    @Test
    void anLgscoComplaintAboutItsHandlerStillStartsAtStageOne() {
        receive("lgsco-code", ComplaintKind.COMPLAINT, "2026-11-23", null, null, true);

        assertThat(complaint().stage()).contains("stage-1");
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
    void lgscoStageTwoIsAskedForAtAnyTimeAndItsResponseCountsFromTheAcknowledgement() {
        receive("lgsco-code", "2026-11-23");
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider().respond(complaint(), RESPONSE));
        assertThat(complaint().requestWindow()).isEmpty();

        now = Instant.parse("2027-03-01T10:00:00Z");
        record(decider().escalate(complaint(), ESCALATION));
        // Requested on Monday 1 March 2027: 5 working days is Monday 8 March.
        assertThat(complaint().deadlines().get("stage2Acknowledgement").dueDate()).isEqualTo("2027-03-08");
        assertThat(complaint().deadlines()).doesNotContainKey("stage2Response");

        now = Instant.parse("2027-03-03T10:00:00Z");
        record(decider().acknowledge(complaint(), new Acknowledge("Received stage 2.")));
        // Acknowledged on Wednesday 3 March 2027: 20 working days, skipping Good Friday and Easter Monday.
        LocalDate due = complaint().deadlines().get("stage2Response").dueDate();
        assertThat(due).isEqualTo(CALENDAR.count(PROCEDURES.find("lgsco-code").orElseThrow().calendar(),
                now, 20).deadline().dueDate());
        LocalDate twentyOneLater = CALENDAR.count(PROCEDURES.find("lgsco-code").orElseThrow().calendar(), due, 21)
                .deadline().dueDate();
        assertThatThrownBy(() -> decider().extend(complaint(),
                new Extend("stage2Response", twentyOneLater, "Records", "LGSCO")))
                .hasMessageContaining("at most 20 working days after the original due date");
    }

    @Test
    void theChildrensInvestigationMayBeExtendedUpToFortyWorkingDays() {
        receive("children-statutory", "2026-11-23");
        record(decider().respond(complaint(), RESPONSE));
        record(decider().escalate(complaint(), ESCALATION));
        LocalDate due = complaint().deadlines().get("investigation").dueDate();
        var calendar = PROCEDURES.find("children-statutory").orElseThrow().calendar();

        assertThatThrownBy(() -> decider().extend(complaint(), new Extend("investigation",
                CALENDAR.count(calendar, due, 41).deadline().dueDate(), "Independent person ill", null)))
                .hasMessageContaining("at most 40 working days");
        record(decider().extend(complaint(), new Extend("investigation",
                CALENDAR.count(calendar, due, 40).deadline().dueDate(), "Independent person ill", null)));
        assertThat(decider().allowedActions(complaint())).contains(Action.EXTEND);
    }

    @Test
    void theChildrensReviewPanelMeetsReportsAndTheCouncilRespondsEachInItsTime() {
        receive("children-statutory", "2026-11-23");
        record(decider().respond(complaint(), RESPONSE));
        record(decider().escalate(complaint(), ESCALATION));
        record(decider().respond(complaint(), RESPONSE));
        now = Instant.parse("2026-12-01T10:00:00Z");
        record(decider().escalate(complaint(), ESCALATION));
        // Requested on Tuesday 1 December 2026: 30 working days skip Christmas, Boxing Day (kept on Monday 28) and
        // New Year's Day.
        assertThat(complaint().deadlines().get("panelMeeting").dueDate()).isEqualTo("2027-01-15");
        assertThat(decider().allowedActions(complaint())).containsExactly(Action.COMPLETE_STEP,
                Action.REQUEST_INFORMATION, Action.WITHDRAW, Action.REFER_TO_OMBUDSMAN);

        assertThatThrownBy(() -> decider().completeStep(complaint(), new CompleteStep("send-panel-report", "Sent")))
                .isInstanceOfSatisfying(InvalidCommandException.class, refused -> {
                    assertThat(refused.field()).isEqualTo("step");
                    assertThat(refused.rule()).contains("hold-panel");
                });
        now = Instant.parse("2027-01-11T10:00:00Z");
        record(decider().completeStep(complaint(), new CompleteStep("hold-panel", "The panel met")));
        assertThat(complaint().clocksMet()).containsKey("panelMeeting");
        // Held on Monday 11 January 2027: the report is due 5 working days later, Monday 18 January.
        assertThat(complaint().deadlines().get("panelReport").dueDate()).isEqualTo("2027-01-18");

        now = Instant.parse("2027-01-15T10:00:00Z");
        record(decider().completeStep(complaint(), new CompleteStep("send-panel-report", "Report sent")));
        // Sent on Friday 15 January: the council responds within 15 working days, by Friday 5 February.
        assertThat(complaint().deadlines().get("councilResponse").dueDate()).isEqualTo("2027-02-05");
        assertThat(decider().allowedActions(complaint())).startsWith(Action.RESPOND);

        record(decider().respond(complaint(), RESPONSE));
        assertThat(complaint().status()).isEqualTo(ComplaintStatus.CLOSED);
    }

    @Test
    void theChildrensLocalResolutionMayBeExtendedOnceOnly() {
        receive("children-statutory", "2026-11-23");
        record(decider().extend(complaint(), new Extend("localResolution", LocalDate.parse("2026-12-14"),
                "Family away", null)));

        assertThat(decider().allowedActions(complaint())).doesNotContain(Action.EXTEND);
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
