package uk.redress.notification.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A notice read from a job's variables, and the id that makes it once-only. */
class DeadlineNoticeTest {

    private static final String COMPLAINT = "5b0e7a52-6a45-4a4e-9d0a-3f1d2f6f1c11";

    @Test
    void theSameJobVariablesGiveTheSameNotificationId() {
        assertThat(reminder("2026-12-15", "2026-12-08T09:00:00Z").notification().id())
                .isEqualTo(reminder("2026-12-15", "2026-12-08T09:00:00Z").notification().id());
    }

    @Test
    void eachReminderOfADueDateAndEachDueDateAfterAnExtensionIsANoticeOfItsOwn() {
        var fiveDaysBefore = reminder("2026-12-15", "2026-12-08T09:00:00Z").notification().id();
        var oneDayBefore = reminder("2026-12-15", "2026-12-14T09:00:00Z").notification().id();
        var afterExtension = reminder("2026-12-29", "2026-12-22T09:00:00Z").notification().id();
        assertThat(List.of(fiveDaysBefore, oneDayBefore, afterExtension)).doesNotHaveDuplicates();
    }

    @Test
    void aLapseIsDueWhenItsClockLapsesAndAnEscalationWhenItFires() {
        Map<String, Object> variables = variables("2026-12-15");
        variables.put("escalateAt", "2026-12-23T09:00:00Z");
        assertThat(notice(DeadlineNoticeKind.LAPSED, variables).firesAt())
                .hasToString("2026-12-16T00:00:00Z");
        assertThat(notice(DeadlineNoticeKind.ESCALATION, variables)
                .firesAt()).hasToString("2026-12-23T09:00:00Z");
    }

    @Test
    void aReminderOrEscalationIsOvertakenByItsLapseOrByALaterOneOfItsClockDueAsWell() {
        Map<String, Object> variables = variables("2026-12-15");
        variables.put("stage1ResponseRemindAts", List.of("2026-12-08T09:00:00Z", "2026-12-14T09:00:00Z"));
        variables.put("remindAt", "2026-12-08T09:00:00Z");
        DeadlineNotice first = notice(DeadlineNoticeKind.REMINDER, variables);
        assertThat(first.overtakenAt(Instant.parse("2026-12-08T09:00:30Z"))).as("on time").isEmpty();
        assertThat(first.overtakenAt(Instant.parse("2026-12-14T09:00:00Z"))).as("the next one due as well")
                .hasValueSatisfying(why -> assertThat(why).contains("2026-12-14T09:00:00Z"));
        variables.put("remindAt", "2026-12-14T09:00:00Z");
        DeadlineNotice last = notice(DeadlineNoticeKind.REMINDER, variables);
        assertThat(last.overtakenAt(Instant.parse("2026-12-15T23:59:59Z"))).as("worked late, still due").isEmpty();
        assertThat(last.overtakenAt(Instant.parse("2026-12-16T00:00:00Z"))).as("at the lapse")
                .hasValueSatisfying(why -> assertThat(why).contains("lapsed"));

        variables.put("stage1ResponseEscalateAts",
                List.of("2026-12-23T09:00:00Z", "2026-12-30T09:00:00Z", "2027-01-07T09:00:00Z"));
        variables.put("escalateAt", "2026-12-23T09:00:00Z");
        DeadlineNotice escalation = notice(DeadlineNoticeKind.ESCALATION, variables);
        Instant weeksLate = Instant.parse("2027-01-08T09:00:00Z");
        assertThat(escalation.overtakenAt(Instant.parse("2026-12-23T09:01:00Z"))).as("on time").isEmpty();
        assertThat(escalation.overtakenAt(weeksLate)).as("the third due as well, which says the same later")
                .hasValueSatisfying(why -> assertThat(why).contains("2027-01-07T09:00:00Z"));
        variables.put("escalateAt", "2027-01-07T09:00:00Z");
        assertThat(notice(DeadlineNoticeKind.ESCALATION, variables).overtakenAt(weeksLate)).as("the latest due")
                .isEmpty();
        assertThat(notice(DeadlineNoticeKind.LAPSED, variables).overtakenAt(weeksLate)).as("a lapse, always")
                .isEmpty();
    }

    @Test
    void theTasksCandidateGroupsAreReadFromItsHeader() {
        Map<String, Object> variables = variables("2026-12-15");
        variables.put("remindAt", "2026-12-08T09:00:00Z");
        DeadlineNotice notice = DeadlineNotice.fromJob(DeadlineNoticeKind.REMINDER, "lgsco-code", variables,
                Map.of("candidateGroups", "caseworker, complaints-officer"), Optional.empty());
        assertThat(notice.candidateGroups()).containsExactly("caseworker", "complaints-officer");
    }

    @Test
    void theComplainantWhoseKeySealsTheSummaryIsReadWhereTheProcessNamesOne() {
        Map<String, Object> variables = variables("2026-12-15");
        variables.put("remindAt", "2026-12-08T09:00:00Z");
        assertThat(notice(DeadlineNoticeKind.REMINDER, variables)
                .complainantId()).as("a process from before complainant ids").isEmpty();
        variables.put("complainantId", "0f6c2a1e-3b7d-4c55-9a0e-8d1f2b3c4d5e");
        assertThat(notice(DeadlineNoticeKind.REMINDER, variables)
                .complainantId()).contains(UUID.fromString("0f6c2a1e-3b7d-4c55-9a0e-8d1f2b3c4d5e"));
    }

    @Test
    void aJobWithoutItsVariablesIsAModellingError() {
        Map<String, Object> variables = variables("2026-12-15");
        variables.remove("clockName");
        assertThatThrownBy(() -> notice(DeadlineNoticeKind.LAPSED, variables))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clockName");
    }

    private static DeadlineNotice reminder(String dueDate, String remindAt) {
        Map<String, Object> variables = variables(dueDate);
        variables.put("remindAt", remindAt);
        return notice(DeadlineNoticeKind.REMINDER, variables);
    }

    private static DeadlineNotice notice(DeadlineNoticeKind kind, Map<String, Object> variables) {
        return DeadlineNotice.fromJob(kind, "lgsco-code", variables, Map.of(), Optional.empty());
    }

    private static Map<String, Object> variables(String dueDate) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("complaintId", COMPLAINT);
        variables.put("summary", "No reply");
        variables.put("clock", "stage1Response");
        variables.put("clockName", "stage 1 response");
        variables.put("dueDate", dueDate);
        variables.put("stage1ResponseLapsesAt", LocalDate.parse(dueDate).plusDays(1) + "T00:00:00Z");
        // Each job carries its clock's whole series, as the process holds them.
        variables.put("stage1ResponseRemindAts", List.of());
        variables.put("stage1ResponseEscalateAts", List.of());
        return variables;
    }
}
