package uk.redress.complaint.core;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import uk.redress.complaint.core.Commands.Acknowledge;
import uk.redress.complaint.core.Commands.AgreeImprovement;
import uk.redress.complaint.core.Commands.Classify;
import uk.redress.complaint.core.Commands.Close;
import uk.redress.complaint.core.Commands.CompleteImprovement;
import uk.redress.complaint.core.Commands.CompleteStep;
import uk.redress.complaint.core.Commands.DecideStage;
import uk.redress.complaint.core.Commands.Escalate;
import uk.redress.complaint.core.Commands.Extend;
import uk.redress.complaint.core.Commands.MoveToCurrentVersion;
import uk.redress.complaint.core.Commands.RecordOmbudsmanDecision;
import uk.redress.complaint.core.Commands.RecordInformationReceived;
import uk.redress.complaint.core.Commands.ReferToOmbudsman;
import uk.redress.complaint.core.Commands.RequestInformation;
import uk.redress.complaint.core.Commands.Respond;
import uk.redress.complaint.core.Commands.Withdraw;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.Clock;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.procedure.Step;
import uk.redress.workflow.process.DeadlineVariables;

/**
 * Decides what a command does to a complaint: the event it causes, or the domain error that refuses it. Pure but for
 * the injected clock; each procedure's policy says what its stages allow.
 */
@ApplicationScoped
public class ComplaintDecider {

    /** A case system hands over complaints received lately: a receipt older than this is a mistake in the date. */
    static final Period RECEIPTS_WITHIN = Period.ofYears(10);

    private final ProcedureVersions versions;
    private final DeadlineVariables deadlines;
    private final WorkingDayCalendar calendar;
    private final InstantSource clock;
    private final Categories categories;

    public ComplaintDecider(ProcedureVersions versions, DeadlineVariables deadlines, WorkingDayCalendar calendar,
                            InstantSource clock, Categories categories) {
        this.versions = versions;
        this.deadlines = deadlines;
        this.calendar = calendar;
        this.clock = clock;
        this.categories = categories;
    }

    /**
     * Decides a receipt, every rule of intake checked, and answers it without its reference: the event store numbers
     * it ({@link ComplaintReceived#numbered}) as it appends it, so that a refused complaint takes no number.
     */
    public ComplaintReceived receive(ReceiveComplaint command) {
        ProcedurePolicy procedure = versions.receiving(command.procedure())
                .orElseThrow(() -> new UnknownProcedureException(command.procedure(),
                        versions.current(command.procedure()).isPresent(), versions.receivingIds()));
        Optional<Integer> version = versions.currentVersion(command.procedure());
        LocalDate today = today();
        if (command.receivedOn().isAfter(today)) {
            throw new InvalidCommandException("receivedAt", "must not be in the future (today is " + today
                    + " in the UK), was " + command.receivedOn());
        }
        LocalDateTime nowInTheUk = LocalDateTime.ofInstant(clock.instant(), WorkingDayCalendar.UK_TIME);
        command.receivedTime().filter(time -> command.receivedOn().atTime(time).isAfter(nowInTheUk)).ifPresent(time -> {
            throw new InvalidCommandException("receivedTime", "must not be in the future (it is "
                    + nowInTheUk.toLocalTime().truncatedTo(ChronoUnit.MINUTES) + " in the UK), was " + time);
        });
        LocalDate earliest = today.minus(RECEIPTS_WITHIN);
        if (command.receivedOn().isBefore(earliest)) {
            throw new InvalidCommandException("receivedAt", "must be within the last " + RECEIPTS_WITHIN.getYears()
                    + " years (on or after " + earliest + "), was " + command.receivedOn());
        }
        ComplaintKind kind = command.kind();
        if (kind.isFeedback() && procedure.feedback().isEmpty()) {
            throw new InvalidCommandException("kind", procedure.name() + " takes no comments or compliments: one of "
                    + ComplaintKind.COMPLAINT + ", " + ComplaintKind.APPEAL + ", " + ComplaintKind.DISCRIMINATION_CLAIM
                    + ", was " + kind);
        }
        command.eventsOccurredOn().filter(occurred -> occurred.isAfter(command.receivedOn())).ifPresent(occurred -> {
            throw new InvalidCommandException("eventsOccurredOn", "must not be after receivedAt "
                    + command.receivedOn() + ", was " + occurred);
        });
        requireKnownCategories(command.organisation(), command.classification());
        if (kind == ComplaintKind.COMPLAINT) {
            requireInTimeOrReason(procedure, command);
        } else if (command.outOfTimeReason().isPresent()) {
            throw new InvalidCommandException("outOfTimeReason", "applies to a complaint only, not to " + kind);
        }
        if (kind != ComplaintKind.COMPLAINT) {
            return new ComplaintReceived(null, procedure.id(), kind, command.complainant(), command.summary(),
                    command.details(), command.receivedOn(), command.eventsOccurredOn(), Optional.empty(),
                    command.aboutHandler(), Optional.empty(), Map.of(),
                    kind.isSignposted() ? Optional.of(kind.signposting()) : Optional.empty(),
                    command.organisation(), command.staffConcerned(), command.complainantId(), command.classification(),
                    command.receivedTime(), version);
        }
        Stage first = procedure.stages().getFirst();
        Stage start = command.aboutHandler() && first.skippedWhenAboutHandler() ? procedure.stages().get(1) : first;
        Instant receivedAt = ComplaintReceived.receivedAt(command.receivedOn(), command.receivedTime());
        return new ComplaintReceived(null, procedure.id(), kind, command.complainant(), command.summary(),
                command.details(), command.receivedOn(), command.eventsOccurredOn(), command.outOfTimeReason(),
                command.aboutHandler(), Optional.of(start.id()),
                byClockId(deadlines.startingWithStage(procedure, start, receivedAt)), Optional.empty(),
                command.organisation(), command.staffConcerned(), command.complainantId(), command.classification(),
                command.receivedTime(), version);
    }

    /** Whatever its state: the learning from a complaint is often agreed after its response. */
    public ImprovementAgreed agreeImprovement(Complaint complaint, AgreeImprovement command) {
        LocalDate today = today();
        if (command.dueOn().isBefore(today)) {
            throw new InvalidCommandException("dueOn", "must not be before today (" + today + "), was "
                    + command.dueOn());
        }
        return new ImprovementAgreed(complaint.improvements().size() + 1, command.action(), command.owner(),
                command.dueOn());
    }

    public ImprovementCompleted completeImprovement(Complaint complaint, CompleteImprovement command) {
        Improvement improvement = complaint.improvements().stream()
                .filter(agreed -> agreed.number() == command.number()).findFirst()
                .orElseThrow(() -> new InvalidCommandException("improvement", "must be the number of an improvement "
                        + "agreed on this complaint (1 to " + complaint.improvements().size() + "), was "
                        + command.number()));
        improvement.completedOn().ifPresent(done -> {
            throw new InvalidCommandException("improvement", "was already done, on " + done);
        });
        return new ImprovementCompleted(command.number());
    }

    /** Whatever its state: what a complaint was about stays worth correcting for the reports after it closed. */
    public ComplaintClassified classify(Complaint complaint, Classify command) {
        requireKnownCategories(complaint.organisation(), command.classification());
        return new ComplaintClassified(command.classification());
    }

    /** A service area and themes from the organisation's lists, each theme once. */
    private void requireKnownCategories(String organisation, Classification classification) {
        Categories.Lists lists = categories.of(organisation);
        classification.serviceArea().filter(area -> !lists.serviceAreas().contains(area)).ifPresent(area -> {
            throw new InvalidCommandException("serviceArea", "must be one of the organisation's service areas ("
                    + String.join(", ", lists.serviceAreas()) + "), was '" + area + "'");
        });
        Set<String> seen = new HashSet<>();
        for (String theme : classification.themes()) {
            if (!lists.themes().contains(theme)) {
                throw new InvalidCommandException("themes", "must each be one of the organisation's themes ("
                        + String.join(", ", lists.themes()) + "), was '" + theme + "'");
            }
            if (!seen.add(theme)) {
                throw new InvalidCommandException("themes", "must name each theme once, '" + theme + "' twice");
            }
        }
    }

    /** Complaints should be about recent events; an older one is accepted only with a recorded reason. */
    private static void requireInTimeOrReason(ProcedurePolicy procedure, ReceiveComplaint command) {
        int months = procedure.eligibility().eventsWithinMonths();
        LocalDate earliest = command.receivedOn().minusMonths(months);
        command.eventsOccurredOn().filter(occurred -> occurred.isBefore(earliest)).ifPresent(occurred -> {
            if (command.outOfTimeReason().filter(reason -> !reason.isBlank()).isEmpty()) {
                throw new InvalidCommandException("outOfTimeReason", "is required: " + procedure.name()
                        + " takes complaints about events within " + months + " months of receipt (from " + earliest
                        + "), these were on " + occurred + "; say why the complaint is accepted");
            }
        });
        if (command.outOfTimeReason().isPresent() && command.eventsOccurredOn().filter(o -> o.isBefore(earliest))
                .isEmpty()) {
            throw new InvalidCommandException("outOfTimeReason", "applies only when eventsOccurredOn is more than "
                    + months + " months before receipt (before " + earliest + ")");
        }
    }

    public Acknowledged acknowledge(Complaint complaint, Acknowledge command) {
        requireAllowed(complaint, Action.ACKNOWLEDGE);
        Step step = nextStep(complaint).orElseThrow();
        return new Acknowledged(stageIdOf(complaint), command.letter(), clocksMetBy(step),
                startedAfter(complaint, step));
    }

    public StageDecided decideStage(Complaint complaint, DecideStage command) {
        requireAllowed(complaint, Action.DECIDE_STAGE);
        Step step = nextStep(complaint).orElseThrow();
        if (!step.choices().contains(command.route())) {
            throw new InvalidCommandException("route", "must be one of " + String.join(", ", step.choices())
                    + ", was '" + command.route() + "'");
        }
        return new StageDecided(stageIdOf(complaint), step.id(), command.route(), clocksMetBy(step),
                startedAfter(complaint, step));
    }

    public StepCompleted completeStep(Complaint complaint, CompleteStep command) {
        requireAllowed(complaint, Action.COMPLETE_STEP);
        Step step = nextStep(complaint).orElseThrow();
        if (!step.id().equals(command.step())) {
            throw new InvalidCommandException("step", "must be the step due now, " + step.id() + " (" + step.name()
                    + "), was '" + command.step() + "'");
        }
        return new StepCompleted(stageIdOf(complaint), step.id(), command.note(), clocksMetBy(step),
                startedAfter(complaint, step));
    }

    /** The response; at the last stage it is the organisation's final word, and the complaint closes with it. */
    public List<ComplaintEvent> respond(Complaint complaint, Respond command) {
        requireAllowed(complaint, Action.RESPOND);
        Step step = nextStep(complaint).orElseThrow();
        ProcedurePolicy procedure = procedureOf(complaint);
        boolean paid = command.remedies().contains(Responded.Remedy.PAYMENT);
        if (paid && command.paymentAmount().isEmpty()) {
            throw new InvalidCommandException("paymentAmount", "is required with the remedy PAYMENT: the amount "
                    + "paid, in pounds");
        }
        if (!paid && command.paymentAmount().isPresent()) {
            throw new InvalidCommandException("paymentAmount", "applies only with the remedy PAYMENT");
        }
        Responded responded = new Responded(stageIdOf(complaint), step.id(), command.outcome(), command.remedies(),
                command.letter(), clocksMetBy(step), deadlines.requestWindow(procedure, stageOf(complaint),
                clock.instant()), command.paymentAmount());
        if (procedure.nextStage(stageOf(complaint)).isPresent()) {
            return List.of(responded);
        }
        return List.of(responded, new Closed(Closed.FINAL_RESPONSE));
    }

    public InformationRequested requestInformation(Complaint complaint, RequestInformation command) {
        requireAllowed(complaint, Action.REQUEST_INFORMATION);
        command.answerBy().filter(date -> !date.isAfter(today())).ifPresent(date -> {
            throw new InvalidCommandException("answerBy", "must be after today (" + today() + "), was " + date);
        });
        // Only the stage's own clocks: an earlier stage's are met or ended with it.
        List<String> paused = command.ofComplainant()
                ? stageOf(complaint).clocks().stream()
                        .filter(clock -> clock.pausesForInformation() && complaint.isRunning(clock.id()))
                        .map(Clock::id).toList()
                : List.of();
        return new InformationRequested(command.askedOf(), command.question(), command.answerBy(),
                command.ofComplainant(), paused);
    }

    /**
     * The clocks stopped for information run again from the day of the answer: each due date moves by the working days
     * after the day it stopped up to and including that day, as if the complaint had arrived that much later.
     */
    public InformationReceived recordInformationReceived(Complaint complaint, RecordInformationReceived command) {
        requireAllowed(complaint, Action.RECORD_INFORMATION_RECEIVED);
        ProcedurePolicy procedure = procedureOf(complaint);
        LocalDate today = today();
        List<InformationReceived.ClockResumed> resumed = new ArrayList<>();
        procedure.clocks().stream().map(Clock::id).filter(complaint::isPaused).forEach(clockId -> {
            LocalDate pausedOn = complaint.pausedClocks().get(clockId);
            int paused = calendar.workingDaysBetween(procedure.calendar(), pausedOn, today);
            Deadline current = complaint.deadlines().get(clockId);
            resumed.add(new InformationReceived.ClockResumed(clockId, pausedOn, paused, current.dueDate(),
                    moved(procedure, current.dueDate(), paused),
                    moved(procedure, complaint.originalDueDates().get(clockId), paused).dueDate()));
        });
        return new InformationReceived(command.note(), resumed);
    }

    private Deadline moved(ProcedurePolicy procedure, LocalDate dueDate, int workingDays) {
        return calendar.count(procedure.calendar(), dueDate, workingDays).deadline();
    }

    public Closed close(Complaint complaint, Close command) {
        requireAllowed(complaint, Action.CLOSE);
        return new Closed(command.reason());
    }

    public OmbudsmanReferred referToOmbudsman(Complaint complaint, ReferToOmbudsman command) {
        requireAllowed(complaint, Action.REFER_TO_OMBUDSMAN);
        if (command.referredOn().isBefore(complaint.receivedOn()) || command.referredOn().isAfter(today())) {
            throw new InvalidCommandException("referredOn", "must be between the receipt " + complaint.receivedOn()
                    + " and today " + today() + ", was " + command.referredOn());
        }
        return new OmbudsmanReferred(command.referredOn(), command.ombudsmanReference());
    }

    public OmbudsmanDecided recordOmbudsmanDecision(Complaint complaint, RecordOmbudsmanDecision command) {
        requireAllowed(complaint, Action.RECORD_OMBUDSMAN_DECISION);
        LocalDate referredOn = complaint.ombudsman().orElseThrow().referredOn();
        if (command.decidedOn().isBefore(referredOn) || command.decidedOn().isAfter(today())) {
            throw new InvalidCommandException("decidedOn", "must be between the referral " + referredOn
                    + " and today " + today() + ", was " + command.decidedOn());
        }
        return new OmbudsmanDecided(command.decidedOn(), command.decision(), command.summary(), command.remedy());
    }

    /**
     * The next stage, asked for within its window; a request after the window closed is refused unless the
     * organisation accepts it with a reason.
     */
    public Escalated escalate(Complaint complaint, Escalate command) {
        requireAllowed(complaint, Action.ESCALATE);
        ProcedurePolicy procedure = procedureOf(complaint);
        Stage next = procedure.nextStage(stageOf(complaint)).orElseThrow();
        Optional<Deadline> closedWindow = complaint.requestWindow()
                .filter(window -> !clock.instant().isBefore(window.lapsesAt()));
        Optional<String> lateReason = command.lateAcceptanceReason().filter(reason -> !reason.isBlank());
        if (closedWindow.isPresent() && lateReason.isEmpty()) {
            throw new InvalidCommandException("lateAcceptanceReason", "is required: the window to ask for "
                    + next.name() + " closed at the end of " + closedWindow.get().dueDate()
                    + "; a later request is accepted only with a recorded reason");
        }
        if (closedWindow.isEmpty() && command.lateAcceptanceReason().isPresent()) {
            throw new InvalidCommandException("lateAcceptanceReason", "applies only to a request after the window "
                    + "closed" + complaint.requestWindow().map(window -> " (it closes at the end of "
                    + window.dueDate() + ")").orElse(" (this stage has no window)"));
        }
        return new Escalated(stageIdOf(complaint), next.id(), command.whyStillDissatisfied(),
                command.outcomeSought(), byClockId(deadlines.startingWithStage(procedure, next, clock.instant())),
                lateReason);
    }

    public DeadlineExtended extend(Complaint complaint, Extend command) {
        requireAllowed(complaint, Action.EXTEND);
        ProcedurePolicy procedure = procedureOf(complaint);
        if (complaint.isPaused(command.clock())) {
            throw new InvalidCommandException("clock", "is stopped while the complainant is asked for information "
                    + "(since " + complaint.pausedClocks().get(command.clock()) + "): record the information received "
                    + "first, which moves its due date by the working days it stood");
        }
        if (!complaint.isRunning(command.clock())) {
            throw new InvalidCommandException("clock", "must name a running deadline: one of "
                    + String.join(", ", extensibleClocks(complaint)) + ", was '" + command.clock() + "'");
        }
        var rules = procedure.clock(command.clock()).extension().orElseThrow(() -> new InvalidCommandException(
                "clock", "cannot be extended under " + procedure.name() + ": " + command.clock()));
        Deadline current = complaint.deadlines().get(command.clock());
        LocalDate newDueDate = command.newDueDate();
        if (!newDueDate.isAfter(current.dueDate())) {
            throw new InvalidCommandException("newDueDate", "must be after the current due date "
                    + current.dueDate() + ", was " + newDueDate);
        }
        calendar.whyNotWorking(procedure.calendar(), newDueDate).ifPresent(reason -> {
            throw new InvalidCommandException("newDueDate", "must be a working day; " + newDueDate + " is "
                    + reason);
        });
        LocalDate original = complaint.originalDueDates().get(command.clock());
        rules.maxWorkingDays().ifPresent(max -> {
            int moved = calendar.workingDaysBetween(procedure.calendar(), original, newDueDate);
            if (moved > max) {
                throw new InvalidCommandException("newDueDate", "may be at most " + max + " working days after "
                        + "the original due date " + original + ", was " + moved);
            }
        });
        int used = complaint.extensions().getOrDefault(command.clock(), 0);
        rules.maxCount().filter(max -> used >= max).ifPresent(max -> {
            throw new InvalidCommandException("clock", "was already extended " + used + " time(s), at most " + max);
        });
        if (rules.reasonRequired() && isBlank(command.reason())) {
            throw new InvalidCommandException("reason", "is required: the complainant is told why");
        }
        if (rules.ombudsmanDetailsRequired() && isBlank(command.ombudsmanDetails())) {
            throw new InvalidCommandException("ombudsmanDetails", "is required under " + procedure.name()
                    + ": the complainant is told how to go to the Ombudsman");
        }
        return new DeadlineExtended(command.clock(), current.dueDate(),
                calendar.count(procedure.calendar(), newDueDate, 0).deadline(), command.reason(),
                command.ombudsmanDetails());
    }

    /**
     * The complaint runs under its procedure's current version from now on, at the same stage and step: each clock still
     * running is counted again from when it started with the new version's length, moved by the working days it stood
     * for information; an extension agreed to a later date stands.
     */
    public ProcedureVersionMoved moveToCurrentVersion(Complaint complaint, MoveToCurrentVersion command) {
        requireAllowed(complaint, Action.MOVE_TO_CURRENT_VERSION);
        if (isBlank(command.reason())) {
            throw new InvalidCommandException("reason", "is required: the record says why the complaint moved");
        }
        int toVersion = versions.currentVersion(complaint.procedure()).orElseThrow();
        ProcedurePolicy to = versions.current(complaint.procedure()).orElseThrow();
        String where = "version " + toVersion + " of " + complaint.procedure();
        Stage stage = to.stages().stream().filter(candidate -> candidate.id().equals(stageIdOf(complaint)))
                .findFirst().orElseThrow(() -> new InvalidCommandException("procedure", where + " has no stage "
                        + stageIdOf(complaint) + ", where the complaint is: it cannot move there"));
        complaint.stepsDone().stream().filter(done -> stage.steps().stream().noneMatch(s -> s.id().equals(done)))
                .findFirst().ifPresent(step -> {
                    throw new InvalidCommandException("procedure", where + " has no step " + step + " in "
                            + stage.id() + ", which the complaint has done: it cannot move there");
                });
        List<ProcedureVersionMoved.ClockRecounted> recounted = new ArrayList<>();
        for (Map.Entry<String, Deadline> running : complaint.deadlines().entrySet()) {
            String clockId = running.getKey();
            if (!complaint.isRunning(clockId) && !complaint.isPaused(clockId)) {
                continue;
            }
            Clock clock = stage.clocks().stream().filter(candidate -> candidate.id().equals(clockId)).findFirst()
                    .orElseThrow(() -> new InvalidCommandException("procedure", where + " has no clock " + clockId
                            + " in " + stage.id() + ", which runs for the complaint: it cannot move there"));
            Deadline counted = deadlines.count(to, clock, complaint.clocksStartedAt().get(clockId)).deadline();
            int paused = complaint.workingDaysPaused().getOrDefault(clockId, 0);
            Deadline original = paused == 0 ? counted : moved(to, counted.dueDate(), paused);
            Deadline current = running.getValue();
            boolean extendedLater = complaint.extensions().getOrDefault(clockId, 0) > 0
                    && current.dueDate().isAfter(original.dueDate());
            recounted.add(new ProcedureVersionMoved.ClockRecounted(clockId, current.dueDate(),
                    extendedLater ? current : original, original.dueDate()));
        }
        return new ProcedureVersionMoved(complaint.procedureVersion(), toVersion, command.reason(), recounted);
    }

    public Withdrawn withdraw(Complaint complaint, Withdraw command) {
        requireAllowed(complaint, Action.WITHDRAW);
        return new Withdrawn(command.reason());
    }

    /** The actions the complaint's state allows now. */
    public List<Action> allowedActions(Complaint complaint) {
        List<Action> allowed = new ArrayList<>();
        if (complaint.status() == ComplaintStatus.OPEN) {
            if (complaint.kind().isFeedback()) {
                allowed.add(Action.CLOSE);
            } else {
                allowed.addAll(procedureActions(complaint));
            }
            allowed.add(Action.WITHDRAW);
        }
        if (complaint.kind() == ComplaintKind.COMPLAINT && complaint.status() != ComplaintStatus.WITHDRAWN) {
            complaint.ombudsman().ifPresentOrElse(
                    referral -> {
                        if (referral.decision().isEmpty()) {
                            allowed.add(Action.RECORD_OMBUDSMAN_DECISION);
                        }
                    },
                    () -> allowed.add(Action.REFER_TO_OMBUDSMAN));
        }
        return allowed;
    }

    /** What an open complaint's place in its procedure allows. */
    private List<Action> procedureActions(Complaint complaint) {
        List<Action> allowed = new ArrayList<>();
        Stage stage = stageOf(complaint);
        Optional<Step> next = nextStep(complaint);
        if (next.isPresent()) {
            allowed.add(actionFor(stage, next.get()));
            allowed.add(Action.REQUEST_INFORMATION);
        } else {
            // Responded: the complainant may ask for the next stage (late only with a reason), or it closes.
            if (procedureOf(complaint).nextStage(stage).isPresent()) {
                allowed.add(Action.ESCALATE);
            }
            allowed.add(Action.CLOSE);
        }
        if (!extensibleClocks(complaint).isEmpty()) {
            allowed.add(Action.EXTEND);
        }
        if (!complaint.pausedClocks().isEmpty()) {
            allowed.add(Action.RECORD_INFORMATION_RECEIVED);
        }
        if (versions.currentVersion(complaint.procedure()).filter(current -> current > complaint.procedureVersion())
                .isPresent()) {
            allowed.add(Action.MOVE_TO_CURRENT_VERSION);
        }
        return allowed;
    }

    /** The step an open complaint waits for in its current stage; empty when it waits for none. */
    public Optional<Step> pendingStep(Complaint complaint) {
        if (complaint.status() != ComplaintStatus.OPEN || complaint.kind() != ComplaintKind.COMPLAINT) {
            return Optional.empty();
        }
        return nextStep(complaint);
    }

    /** The action that records {@code step} of {@code stage}. */
    public static Action actionFor(Stage stage, Step step) {
        if (step.id().equals(Acknowledged.STEP)) {
            return Action.ACKNOWLEDGE;
        }
        if (!step.choices().isEmpty()) {
            return Action.DECIDE_STAGE;
        }
        return step.equals(stage.lastStep()) ? Action.RESPOND : Action.COMPLETE_STEP;
    }

    /** How the 409 answer names the complaint's state. */
    public String describe(Complaint complaint) {
        String kind = complaint.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return switch (complaint.status()) {
            case WITHDRAWN -> "withdrawn";
            case CLOSED -> "closed";
            case SIGNPOSTED -> "signposted: " + kind + ", not handled under the procedure";
            case OPEN -> complaint.kind().isFeedback() ? "open: a " + kind + " to pass on"
                    : "open at " + stageIdOf(complaint) + nextStep(complaint)
                    .map(step -> ", waiting for: " + step.name()).orElse(", responded")
                    + pausedInWords(complaint);
        };
    }

    /** The clocks stopped for information, as the 409 answer names them; empty when none is. */
    private String pausedInWords(Complaint complaint) {
        ProcedurePolicy procedure = procedureOf(complaint);
        return procedure.clocks().stream().filter(clock -> complaint.isPaused(clock.id()))
                .map(clock -> "; the " + clock.name() + " clock stopped for information since "
                        + complaint.pausedClocks().get(clock.id()))
                .collect(Collectors.joining());
    }

    private void requireAllowed(Complaint complaint, Action action) {
        List<Action> allowed = allowedActions(complaint);
        if (!allowed.contains(action)) {
            throw new ActionNotAllowedException(action, describe(complaint), allowed);
        }
    }

    private List<String> extensibleClocks(Complaint complaint) {
        ProcedurePolicy procedure = procedureOf(complaint);
        return procedure.clocks().stream()
                .filter(clock -> clock.extension().isPresent() && complaint.isRunning(clock.id()))
                .filter(clock -> clock.extension().get().maxCount()
                        .map(max -> complaint.extensions().getOrDefault(clock.id(), 0) < max).orElse(true))
                .map(Clock::id)
                .toList();
    }

    private Optional<Step> nextStep(Complaint complaint) {
        return stageOf(complaint).steps().stream()
                .filter(step -> !complaint.stepsDone().contains(step.id()))
                .findFirst();
    }

    private List<String> clocksMetBy(Step step) {
        return step.meets().map(List::of).orElse(List.of());
    }

    private Map<String, Deadline> startedAfter(Complaint complaint, Step step) {
        return byClockId(deadlines.startingAfterStep(procedureOf(complaint), stageOf(complaint), step,
                clock.instant()));
    }

    private Stage stageOf(Complaint complaint) {
        return procedureOf(complaint).stage(stageIdOf(complaint));
    }

    /** Only complaints have a stage; no action that needs one is allowed for anything else. */
    private static String stageIdOf(Complaint complaint) {
        return complaint.stage().orElseThrow(() -> new IllegalStateException(
                complaint.reference() + " is a " + complaint.kind() + " and has no stage"));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), WorkingDayCalendar.UK_TIME);
    }

    private ProcedurePolicy procedureOf(Complaint complaint) {
        return versions.of(complaint);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static Map<String, Deadline> byClockId(Map<Clock, Deadline> deadlines) {
        Map<String, Deadline> byId = new LinkedHashMap<>();
        deadlines.forEach((clock, deadline) -> byId.put(clock.id(), deadline));
        return byId;
    }
}
