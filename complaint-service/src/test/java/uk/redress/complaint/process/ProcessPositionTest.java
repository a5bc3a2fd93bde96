package uk.redress.complaint.process;

import static org.assertj.core.api.Assertions.assertThat;

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
import uk.redress.complaint.core.Commands.DecideStage;
import uk.redress.complaint.core.Commands.Escalate;
import uk.redress.complaint.core.Commands.RequestInformation;
import uk.redress.complaint.core.Commands.Respond;
import uk.redress.complaint.core.Complainant;
import uk.redress.complaint.core.Complaint;
import uk.redress.complaint.core.ComplaintDecider;
import uk.redress.complaint.core.ComplaintEvent;
import uk.redress.complaint.core.EventContext;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.complaint.core.ReceiveComplaint;
import uk.redress.complaint.core.RecordedEvent;
import uk.redress.complaint.core.Responded;
import uk.redress.testing.CouncilPolicy;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.process.DeadlineVariables;

/** Where a recreated process starts, read from the complaint's folded state, procedure by procedure. */
class ProcessPositionTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(BankHolidays.shipped());
    private static final ProcedurePolicies PROCEDURES = ProcedurePolicies.load(Optional.of(CouncilPolicy.folder()));
    private static final DeadlineVariables DEADLINES = new DeadlineVariables(CALENDAR);
    private static final Respond RESPONSE =
            new Respond(Responded.Outcome.UPHELD, List.of(Responded.Remedy.APOLOGY), "We are sorry.", Optional.empty());

    private final List<RecordedEvent> history = new ArrayList<>();
    private final ComplaintDecider decider = new ComplaintDecider(new ProcedureVersions(PROCEDURES), DEADLINES, CALENDAR,
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC), ComplaintFixtures.CATEGORIES);

    private Complaint complaint() {
        return Complaint.replay(history).orElseThrow();
    }

    private void record(ComplaintEvent event) {
        history.add(new RecordedEvent(UUID.randomUUID(), UUID.fromString("00000000-0000-0000-0000-000000000001"),
                history.size() + 1, Instant.parse("2026-11-25T10:00:00Z"), new EventContext("casey.officer", UUID.randomUUID(), null),
                event));
    }

    private void record(List<ComplaintEvent> events) {
        events.forEach(this::record);
    }

    private void receive(String procedure) {
        record(decider.receive(ReceiveComplaint.complaint(procedure, new Complainant("Sam Taylor", "sam@example.org"),
                "Missed call-backs", "Three calls missed.", LocalDate.parse("2026-11-23"), "durham"))
                .numbered("SEND-2026-000001"));
    }

    private Optional<ProcessPosition> position() {
        ProcedurePolicy procedure = PROCEDURES.find(complaint().procedure()).orElseThrow();
        return ProcessPosition.of(complaint(), procedure, procedure.stage(complaint().stage().orElseThrow()), DEADLINES);
    }

    @Test
    void aClockStoppedForInformationWaitsForTheAnswerWithItsDatesAsTheyStood() {
        receive(CouncilPolicy.ID);
        record(decider.acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider.requestInformation(complaint(), new RequestInformation("complainant", "Which school?",
                Optional.empty(), true)));

        ProcessPosition position = position().orElseThrow();
        assertThat(position.startBefore()).containsExactly("Stage1RespondTask", "Stage1ResponseResumedEvent");
        assertThat(position.variables()).containsEntry("stage1ResponseDueDate",
                complaint().deadlines().get("stage1Response").dueDate().toString());
    }

    @Test
    void aDurhamComplaintJustReceivedWaitsForItsAcknowledgementWithBothStageOneClocks() {
        receive("durham-sendiass");

        assertThat(position().orElseThrow().startBefore()).containsExactly("Stage1AcknowledgeTask",
                "Stage1AcknowledgementDeadlineSubprocess", "Stage1ResponseDeadlineSubprocess");
    }

    @Test
    void anAcknowledgedDurhamComplaintWaitsForItsResponseAndOnlyThatClockRuns() {
        receive("durham-sendiass");
        record(decider.acknowledge(complaint(), new Acknowledge("Received.")));

        ProcessPosition position = position().orElseThrow();
        assertThat(position.startBefore()).containsExactly("Stage1RespondTask", "Stage1ResponseDeadlineSubprocess");
        assertThat(position.variables()).containsEntry("stage1ResponseLapsesAt",
                        complaint().deadlines().get("stage1Response").lapsesAt().toString())
                .containsEntry("complaintId", complaint().id().toString())
                .doesNotContainKey("stage1AcknowledgementLapsesAt");
    }

    @Test
    void anLgscoResponseClockCountedFromTheAcknowledgementRunsBesideTheResponse() {
        receive("lgsco-code");
        record(decider.acknowledge(complaint(), new Acknowledge("Received.")));

        assertThat(position().orElseThrow().startBefore())
                .containsExactly("Stage1RespondTask", "Stage1ResponseDeadlineSubprocess");
    }

    @Test
    void aRespondedDurhamComplaintWaitsForAStageTwoRequestUntilItsWindowCloses() {
        receive("durham-sendiass");
        record(decider.acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider.respond(complaint(), RESPONSE));

        ProcessPosition position = position().orElseThrow();
        assertThat(position.startBefore()).containsExactly("Stage2RequestGateway");
        assertThat(position.variables()).containsEntry("stage2RequestWindowClosesAt",
                complaint().requestWindow().orElseThrow().lapsesAt().toString());
    }

    @Test
    void aDurhamComplaintAfterItsFinalResponseHasNothingToWaitFor() {
        receive("durham-sendiass");
        record(decider.acknowledge(complaint(), new Acknowledge("Received.")));
        record(decider.respond(complaint(), RESPONSE));
        record(decider.escalate(complaint(), new Escalate("Still no call.", "A named adviser.", Optional.empty())));
        record(decider.acknowledge(complaint(), new Acknowledge("Received your request.")));
        assertThat(position().orElseThrow().startBefore())
                .containsExactly("Stage2ChooseRouteTask", "Stage2ResponseDeadlineSubprocess");
        record(decider.decideStage(complaint(), new DecideStage("mediation")));
        record(decider.respond(complaint(), RESPONSE));

        assertThat(position()).isEmpty();
    }
}
