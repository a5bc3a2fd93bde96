package uk.redress.complaint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.complaint.core.Commands.Acknowledge;
import uk.redress.complaint.core.Commands.Extend;
import uk.redress.complaint.core.Commands.MoveToCurrentVersion;
import uk.redress.complaint.core.Commands.RecordInformationReceived;
import uk.redress.complaint.core.Commands.RequestInformation;
import uk.redress.testing.CouncilPolicy;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.process.DeadlineVariables;

/**
 * A complaint moved to a newer version of its procedure: its clocks counted again from when they started, what stood
 * for information and what was agreed kept, and a move the new version cannot take refused. Dates by hand, from Monday
 * 11 January 2027.
 */
class ProcedureVersionMoveTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(BankHolidays.shipped());

    @TempDir
    Path folder;

    private final List<RecordedEvent> history = new ArrayList<>();
    private ProcedureVersions versions;
    private Instant now = Instant.parse("2027-01-11T10:00:00Z");

    @Test
    void theResponseClockIsCountedAgainUnderTheNewLengthAndKeepsTheDaysItStood() throws IOException {
        versionsOf(CouncilPolicy.YAML);
        receiveAndAcknowledge();
        // Stood from Tuesday 12 to Monday 18: four working days, so due Friday 5 February under version 1.
        on("2027-01-12");
        record(decider().requestInformation(complaint(), new RequestInformation("complainant", "The letter?",
                Optional.empty(), true)));
        on("2027-01-18");
        record(decider().recordInformationReceived(complaint(), new RecordInformationReceived("The letter")));
        assertThat(complaint().deadlines().get("stage1Response").dueDate()).isEqualTo("2027-02-05");

        addVersion(CouncilPolicy.YAML.replace("workingDays: 15", "workingDays: 20"));
        assertThat(decider().allowedActions(complaint())).contains(Action.MOVE_TO_CURRENT_VERSION);
        ProcedureVersionMoved moved = decider().moveToCurrentVersion(complaint(),
                new MoveToCurrentVersion("The committee's decision"));

        // Twenty working days from Monday 11 January end on Monday 8 February; four more stood: Friday 12.
        assertThat(moved.fromVersion()).isEqualTo(1);
        assertThat(moved.toVersion()).isEqualTo(2);
        assertThat(moved.clocks()).singleElement().satisfies(clock -> {
            assertThat(clock.clock()).isEqualTo("stage1Response");
            assertThat(clock.previousDueDate()).isEqualTo("2027-02-05");
            assertThat(clock.deadline().dueDate()).isEqualTo("2027-02-12");
        });
        record(moved);
        assertThat(complaint().procedureVersion()).isEqualTo(2);
        assertThat(decider().allowedActions(complaint())).doesNotContain(Action.MOVE_TO_CURRENT_VERSION);
    }

    @Test
    void anExtensionToALaterDateStandsAndAShorterVersionShortensNothingAgreed() throws IOException {
        versionsOf(CouncilPolicy.YAML);
        receiveAndAcknowledge();
        record(decider().extend(complaint(), new Extend("stage1Response", LocalDate.parse("2027-02-15"),
                "The school's records are late", null)));

        addVersion(CouncilPolicy.YAML.replace("workingDays: 15", "workingDays: 10"));
        ProcedureVersionMoved moved = decider().moveToCurrentVersion(complaint(), new MoveToCurrentVersion("New rules"));

        // Ten working days would end on Monday 25 January; the extension agreed to 15 February stands.
        assertThat(moved.clocks().getFirst().deadline().dueDate()).isEqualTo("2027-02-15");
        assertThat(moved.clocks().getFirst().originalDueDate()).isEqualTo("2027-01-25");
    }

    @Test
    void aVersionWithoutTheComplaintsStepOrClockCannotTakeIt() throws IOException {
        versionsOf(CouncilPolicy.YAML);
        receiveAndAcknowledge();

        addVersion(CouncilPolicy.YAML.replace("id: acknowledge", "id: acknowledge-in-writing"));
        assertThatThrownBy(() -> decider().moveToCurrentVersion(complaint(), new MoveToCurrentVersion("New rules")))
                .isInstanceOfSatisfying(InvalidCommandException.class, refused -> {
                    assertThat(refused.field()).isEqualTo("procedure");
                    assertThat(refused.getMessage()).contains("version 2 of walsall-corporate has no step acknowledge "
                            + "in stage-1, which the complaint has done");
                });
        assertThatThrownBy(() -> decider().moveToCurrentVersion(complaint(), new MoveToCurrentVersion(" ")))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        refused -> assertThat(refused.field()).isEqualTo("reason"));
    }

    @Test
    void aWithdrawnProcedureTakesNoNewComplaintAndItsOpenOnesGoOnUnderTheirVersion() throws IOException {
        versionsOf(CouncilPolicy.YAML);
        receiveAndAcknowledge();

        // The service started with the council's file taken away: the version stays recorded, the file is gone.
        versions.recorded(Map.of(CouncilPolicy.ID, new TreeMap<>(Map.of(1,
                versions.current(CouncilPolicy.ID).orElseThrow()))), ProcedurePolicies.load(Optional.empty()));
        assertThatThrownBy(() -> decider().receive(ReceiveComplaint.complaint(CouncilPolicy.ID, new Complainant(
                "Ann Lee", "ann@example.org"), "Late plan", "The plan is late.", LocalDate.parse("2027-01-11"),
                "durham")))
                .isInstanceOf(UnknownProcedureException.class)
                .hasMessageContaining("procedure 'walsall-corporate' is withdrawn");
        assertThat(decider().allowedActions(complaint())).contains(Action.RESPOND)
                .doesNotContain(Action.MOVE_TO_CURRENT_VERSION);
        on("2027-01-12");
        record(decider().requestInformation(complaint(), new RequestInformation("complainant", "The letter?",
                Optional.empty(), true)));
        assertThat(complaint().clocksPaused()).containsKey("stage1Response");
    }

    private void versionsOf(String yaml) throws IOException {
        versions = new ProcedureVersions(load(yaml, "v1"));
    }

    /** The service started with the file changed: the new version recorded after the first. */
    private void addVersion(String yaml) throws IOException {
        ProcedurePolicy first = versions.current(CouncilPolicy.ID).orElseThrow();
        ProcedurePolicies files = load(yaml, "v2");
        ProcedurePolicy second = files.find(CouncilPolicy.ID).orElseThrow();
        versions.recorded(Map.of(CouncilPolicy.ID, new TreeMap<>(Map.of(1, first, 2, second))), files);
    }

    private ProcedurePolicies load(String yaml, String name) throws IOException {
        Path versionFolder = Files.createDirectories(folder.resolve(name));
        Files.writeString(versionFolder.resolve(CouncilPolicy.ID + ".yaml"), yaml);
        return ProcedurePolicies.load(Optional.of(versionFolder));
    }

    private void receiveAndAcknowledge() {
        record(decider().receive(ReceiveComplaint.complaint(CouncilPolicy.ID, new Complainant("Sam Taylor",
                "sam@example.org"), "Missed call-backs", "Three calls missed.", LocalDate.parse("2027-01-11"),
                "durham")).numbered("SEND-2027-000003"));
        record(decider().acknowledge(complaint(), new Acknowledge("Received.")));
        assertThat(complaint().deadlines().get("stage1Response").dueDate()).isEqualTo("2027-02-01");
    }

    private void on(String day) {
        now = Instant.parse(day + "T10:00:00Z");
    }

    private ComplaintDecider decider() {
        return new ComplaintDecider(versions, new DeadlineVariables(CALENDAR), CALENDAR,
                Clock.fixed(now, ZoneOffset.UTC), ComplaintFixtures.CATEGORIES);
    }

    private Complaint complaint() {
        return Complaint.replay(history).orElseThrow();
    }

    private void record(ComplaintEvent event) {
        history.add(new RecordedEvent(UUID.randomUUID(), UUID.fromString("00000000-0000-0000-0000-000000000004"),
                history.size() + 1, now, new EventContext("casey.officer", UUID.randomUUID(), null), event));
    }
}
