package uk.redress.workflow.procedure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import uk.redress.workflow.procedure.PolicyFileException.Problem;

/**
 * The procedures Redress runs, read from their policy files: {@code procedures/<id>.yaml} shipped in this module,
 * and a council's own files in a folder, which replace the shipped ones of the same id or add procedures of their
 * own. Each procedure's BPMN process is generated from its policy, so a file may change anything in it.
 */
public final class ProcedurePolicies {

    /** The procedures shipped with Redress, in the order they are listed. */
    public static final List<String> SHIPPED =
            List.of("durham-sendiass", "lgsco-code", "children-statutory", "council-corporate");

    /** The informal front any procedure can start with. */
    public static final String INFORMAL_RESOLUTION = "informal-resolution";

    private static final String EXTENSION = ".yaml";
    /** A council's file may end in either: the id is its name without it. */
    private static final List<String> OWN_EXTENSIONS = List.of(EXTENSION, ".yml");
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    // Clock ids prefix FEEL variable names: letters and digits only.
    private static final Pattern CAMEL = Pattern.compile("[a-z][A-Za-z0-9]*");

    private final List<ProcedurePolicy> procedures;
    private final ProcedurePolicy informalResolution;

    private ProcedurePolicies(List<ProcedurePolicy> procedures, ProcedurePolicy informalResolution) {
        this.procedures = procedures;
        this.informalResolution = informalResolution;
    }

    public static ProcedurePolicies shipped() {
        return load(Optional.empty());
    }

    /**
     * The shipped procedures and every {@code *.yaml} file in {@code directory}, where there is one: a file named as
     * a shipped procedure replaces it, {@code informal-resolution.yaml} replaces the informal front, and any other
     * adds a procedure.
     *
     * @throws PolicyFileException naming every problem of every file
     * @throws IllegalArgumentException where there is no such directory
     */
    public static ProcedurePolicies load(Optional<Path> directory) {
        Map<String, PolicyFile> own = directory.map(ProcedurePolicies::readFolder).orElseGet(TreeMap::new);
        PolicyFile informal = ownOrShipped(INFORMAL_RESOLUTION, own);
        Map<String, PolicyFile> procedures = new LinkedHashMap<>();
        SHIPPED.forEach(id -> procedures.put(id, ownOrShipped(id, own)));
        procedures.putAll(own); // what is left: the folder's new procedures, in the order of their ids

        checkRules(INFORMAL_RESOLUTION, informal);
        procedures.forEach(ProcedurePolicies::checkRules);
        informal.policy().ifPresent(front -> procedures.values().forEach(file -> checkClockIdsApart(file, front)));

        List<Problem> problems = Stream.concat(procedures.values().stream(), Stream.of(informal))
                .flatMap(file -> file.problems().stream()).toList();
        if (!problems.isEmpty()) {
            throw new PolicyFileException(problems);
        }
        return new ProcedurePolicies(procedures.values().stream().map(file -> file.policy().orElseThrow()).toList(),
                informal.policy().orElseThrow());
    }

    /**
     * The folder's policy files by id, the file's name without {@code .yaml} or {@code .yml}, in the order of their
     * ids. Two files of one id are a mistake: the second is refused, naming the first.
     */
    private static Map<String, PolicyFile> readFolder(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("there is no procedures folder at " + directory);
        }
        Map<String, PolicyFile> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path path : paths.filter(path -> extension(path).isPresent()).filter(Files::isRegularFile)
                    .sorted().toList()) {
                String name = path.getFileName().toString();
                String id = name.substring(0, name.length() - extension(path).orElseThrow().length());
                PolicyFile file = PolicyFile.read(path.toString(), Files.readAllBytes(path));
                PolicyFile first = files.putIfAbsent(id, file);
                if (first != null) {
                    first.problem("", "is the procedure " + id + " as well as " + path + ": keep one of the two");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the procedures folder " + directory, e);
        }
        return files;
    }

    private static Optional<String> extension(Path path) {
        String name = path.getFileName().toString();
        return OWN_EXTENSIONS.stream().filter(name::endsWith).findFirst();
    }

    /** The folder's file of this id, taken out of {@code own}, or else the shipped one. */
    private static PolicyFile ownOrShipped(String id, Map<String, PolicyFile> own) {
        PolicyFile file = own.remove(id);
        return file != null ? file : readShipped(id);
    }

    private static PolicyFile readShipped(String id) {
        String resource = "procedures/" + id + EXTENSION;
        try (InputStream in = ProcedurePolicies.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the policy file " + resource + " is missing");
            }
            return PolicyFile.read(resource, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy file " + resource, e);
        }
    }

    /** Checks the rules every procedure keeps, for a file that reads as one; {@code id} is the file's name. */
    private static void checkRules(String id, PolicyFile file) {
        file.policy().ifPresent(policy -> checkRules(id, policy, file));
    }

    private static void checkRules(String id, ProcedurePolicy policy, PolicyFile file) {
        if (policy.id() == null || !KEBAB.matcher(policy.id()).matches()) {
            file.problem("id", "must be kebab-case");
        } else if (!policy.id().equals(id)) {
            file.problem("id", "must be " + id + ", the file's name without its extension");
        }
        require(file, policy.name() != null && !policy.name().isBlank(), "name", "is required");
        require(file, policy.calendar() != null, "calendar", "is required");
        requireMoreThanZero(file, policy.eligibility() == null ? 0 : policy.eligibility().eventsWithinMonths(),
                "eligibility.eventsWithinMonths");
        require(file, !policy.stages().isEmpty(), "stages", "must name at least one stage");
        require(file, policy.cutOff().isEmpty() || policy.cutOffTime().isPresent(), "cutOff",
                "must be a time of day such as 16:00, was '" + policy.cutOff().orElse("") + "'");
        Set<String> clockIds = new HashSet<>();
        Set<String> stageIds = new HashSet<>();
        for (int s = 0; s < policy.stages().size(); s++) {
            Stage stage = policy.stages().get(s);
            String at = "stages[" + s + "]";
            require(file, stage.id() != null && KEBAB.matcher(stage.id()).matches() && stageIds.add(stage.id()),
                    at + ".id", "must be kebab-case and unique");
            require(file, stage.handledBy() != null, at + ".handledBy", "is required");
            require(file, s == 0 ? stage.request().isEmpty() : stage.request().isPresent(), at + ".request",
                    s == 0 ? "is only for later stages" : "is required after the first stage");
            stage.request().ifPresent(request -> {
                List<Optional<Integer>> windows = List.of(request.withinWorkingDays(), request.withinCalendarDays(),
                        request.withinMonths());
                require(file, windows.stream().filter(Optional::isPresent).count() <= 1, at + ".request",
                        "gives at most one of withinWorkingDays, withinCalendarDays and withinMonths");
                require(file, windows.stream().flatMap(Optional::stream).allMatch(length -> length > 0),
                        at + ".request", "its window must be more than 0");
            });
            require(file, !stage.skippedWhenAboutHandler() || s + 1 < policy.stages().size(),
                    at + ".skippedWhenAboutHandler", "needs a next stage to start at");
            require(file, !stage.steps().isEmpty(), at + ".steps", "must name at least one step");
            Set<String> stepIds = new HashSet<>();
            for (int i = 0; i < stage.steps().size(); i++) {
                Step step = stage.steps().get(i);
                String stepAt = at + ".steps[" + i + "]";
                require(file, step.id() != null && KEBAB.matcher(step.id()).matches() && stepIds.add(step.id()),
                        stepAt + ".id", "must be kebab-case and unique in its stage");
                step.meets().ifPresent(clockId -> require(file,
                        stage.clocks().stream().anyMatch(clock -> clockId.equals(clock.id())),
                        stepAt + ".meets", "names no clock of this stage: " + clockId));
            }
            for (int c = 0; c < stage.clocks().size(); c++) {
                Clock clock = stage.clocks().get(c);
                String clockAt = at + ".clocks[" + c + "]";
                require(file, clock.id() != null && CAMEL.matcher(clock.id()).matches() && clockIds.add(clock.id()),
                        clockAt + ".id", "must be camelCase and unique in the procedure");
                List<Optional<Integer>> otherUnits = List.of(clock.calendarDays(), clock.months());
                if (otherUnits.stream().noneMatch(Optional::isPresent)) {
                    requireMoreThanZero(file, clock.workingDays(), clockAt + ".workingDays");
                } else {
                    require(file, clock.workingDays() == 0 && otherUnits.stream().filter(Optional::isPresent).count()
                                    == 1, clockAt, "gives one of workingDays, calendarDays and months, not more");
                    require(file, otherUnits.stream().flatMap(Optional::stream).allMatch(length -> length > 0),
                            clockAt + (clock.calendarDays().isPresent() ? ".calendarDays" : ".months"),
                            "must be more than 0");
                }
                requireMoreThanZero(file, clock.escalateEveryWorkingDays(), clockAt + ".escalateEveryWorkingDays");
                int shortest = clock.shortestInWorkingDays();
                require(file, clock.remindBeforeWorkingDays().stream().allMatch(days -> days > 0 && days < shortest),
                        clockAt + ".remindBeforeWorkingDays", otherUnits.stream().noneMatch(Optional::isPresent)
                                ? "must each be between 1 and workingDays - 1"
                                : "must each be between 1 and " + (shortest - 1) + " (" + clock.lengthInWords()
                                        + " hold at least " + shortest + " working days)");
                long meetingSteps = stage.steps().stream()
                        .filter(step -> step.meets().filter(clockId -> clockId.equals(clock.id())).isPresent())
                        .count();
                require(file, meetingSteps == 1, clockAt, "must be met by exactly one step, was " + meetingSteps);
                require(file, clock.startsAt() != null && (clock.startsWithStage() || clock.startsAfterStep()
                                .filter(stepId -> startsBeforeItIsMet(stage, stepId, clock.id())).isPresent()),
                        clockAt + ".startsAt",
                        "must be 'stage-start' or 'after:<a step before the one that meets it>'");
                clock.extension().ifPresent(extension -> {
                    require(file, extension.maxWorkingDays().orElse(1) > 0, clockAt + ".extension.maxWorkingDays",
                            "must be more than 0");
                    require(file, extension.maxCount().orElse(1) > 0, clockAt + ".extension.maxCount",
                            "must be more than 0");
                });
            }
        }
    }

    /** A number the file must give: one left out reads as 0, and is named as missing rather than as 0. */
    private static void requireMoreThanZero(PolicyFile file, int value, String field) {
        require(file, value > 0, field, file.gives(field) ? "must be more than 0" : "is required, a number more than 0");
    }

    private static boolean startsBeforeItIsMet(Stage stage, String stepId, String clockId) {
        List<String> steps = stage.steps().stream().map(Step::id).toList();
        int start = steps.indexOf(stepId);
        int met = stage.steps().stream().map(step -> step.meets().orElse("")).toList().indexOf(clockId);
        return start >= 0 && start < met;
    }

    /** The informal front runs in every procedure's process, where a clock's id names its variables. */
    private static void checkClockIdsApart(PolicyFile file, ProcedurePolicy informal) {
        file.policy().ifPresent(procedure -> {
            for (int s = 0; s < procedure.stages().size(); s++) {
                List<Clock> clocks = procedure.stages().get(s).clocks();
                for (int c = 0; c < clocks.size(); c++) {
                    String clockId = clocks.get(c).id();
                    require(file, clockId == null
                                    || informal.clocks().stream().map(Clock::id).noneMatch(clockId::equals),
                            "stages[" + s + "].clocks[" + c + "].id",
                            "must not be " + clockId + ", which the informal front uses too");
                }
            }
        });
    }

    private static void require(PolicyFile file, boolean rule, String field, String broken) {
        if (!rule) {
            file.problem(field, broken);
        }
    }

    /** Every procedure a complaint can name: the shipped ones in their order, then a council's own by id. */
    public List<ProcedurePolicy> all() {
        return procedures;
    }

    /** The ids of {@link #all()}, in its order. */
    public List<String> ids() {
        return procedures.stream().map(ProcedurePolicy::id).toList();
    }

    public Optional<ProcedurePolicy> find(String id) {
        return procedures.stream().filter(procedure -> procedure.id().equals(id)).findFirst();
    }

    public ProcedurePolicy informalResolution() {
        return informalResolution;
    }
}
