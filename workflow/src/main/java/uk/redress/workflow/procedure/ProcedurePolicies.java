package uk.redress.workflow.procedure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The procedures Redress runs, read from their policy files: {@code procedures/<id>.yaml} shipped in this module, or
 * a council's own copies in a folder, which replace the shipped ones of the same id.
 */
public final class ProcedurePolicies {

    /** The procedures a complaint can name, in the order they are listed. */
    public static final List<String> SHIPPED =
            List.of("durham-sendiass", "lgsco-code", "children-statutory", "council-corporate");

    /** The informal front any procedure can start with. */
    public static final String INFORMAL_RESOLUTION = "informal-resolution";

    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    // Clock ids prefix FEEL variable names: letters and digits only.
    private static final Pattern CAMEL = Pattern.compile("[a-z][A-Za-z0-9]*");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, ProcedurePolicy> procedures;
    private final ProcedurePolicy informalResolution;

    private ProcedurePolicies(Map<String, ProcedurePolicy> procedures, ProcedurePolicy informalResolution) {
        this.procedures = procedures;
        this.informalResolution = informalResolution;
    }

    public static ProcedurePolicies shipped() {
        return load(Optional.empty());
    }

    /** The shipped procedures, each replaced by a file of the same name in {@code directory} where there is one. */
    public static ProcedurePolicies withOverrides(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("the procedures folder " + directory + " does not exist");
        }
        return load(Optional.of(directory));
    }

    private static ProcedurePolicies load(Optional<Path> overrides) {
        Map<String, ProcedurePolicy> procedures = new LinkedHashMap<>();
        for (String id : SHIPPED) {
            ProcedurePolicy policy = readOne(id, overrides);
            if (overrides.isPresent()) {
                checkSameShapeAsShipped(policy, readOne(id, Optional.empty()));
            }
            procedures.put(id, policy);
        }
        ProcedurePolicy informal = readOne(INFORMAL_RESOLUTION, overrides);
        procedures.values().forEach(procedure -> checkClockIdsApart(procedure, informal));
        return new ProcedurePolicies(Map.copyOf(procedures), informal);
    }

    private static ProcedurePolicy readOne(String id, Optional<Path> overrides) {
        String fileName = id + ".yaml";
        Optional<Path> override = overrides.map(directory -> directory.resolve(fileName)).filter(Files::isRegularFile);
        try (InputStream in = override.isPresent() ? Files.newInputStream(override.get())
                : ProcedurePolicies.class.getClassLoader().getResourceAsStream("procedures/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("the policy file procedures/" + fileName + " is missing");
            }
            String source = override.map(Path::toString).orElse("procedures/" + fileName);
            ProcedurePolicy policy = read(in, source);
            if (!policy.id().equals(id)) {
                throw new IllegalArgumentException(source + ": id must be '" + id + "', the file's name, was '"
                        + policy.id() + "'");
            }
            return policy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy file " + fileName, e);
        }
    }

    /** Reads and checks one policy file; every broken rule is named with the file and the field. */
    public static ProcedurePolicy read(InputStream in, String source) throws IOException {
        ProcedurePolicy policy;
        try {
            policy = YAML.readValue(in, ProcedurePolicy.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        List<String> problems = problemsOf(policy);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + " breaks these rules:\n  " + String.join("\n  ", problems));
        }
        return policy;
    }

    private static List<String> problemsOf(ProcedurePolicy policy) {
        List<String> problems = new ArrayList<>();
        require(problems, policy.id() != null && KEBAB.matcher(policy.id()).matches(), "id must be kebab-case");
        require(problems, policy.name() != null && !policy.name().isBlank(), "name is required");
        require(problems, policy.calendar() != null, "calendar is required");
        require(problems, policy.eligibility() != null && policy.eligibility().eventsWithinMonths() > 0,
                "eligibility.eventsWithinMonths must be more than 0");
        require(problems, policy.stages() != null && !policy.stages().isEmpty(), "stages must name at least one stage");
        Set<String> clockIds = new HashSet<>();
        Set<String> stageIds = new HashSet<>();
        for (int s = 0; s < policy.stages().size(); s++) {
            Stage stage = policy.stages().get(s);
            String at = "stages[" + s + "]";
            require(problems, stage.id() != null && KEBAB.matcher(stage.id()).matches() && stageIds.add(stage.id()),
                    at + ".id must be kebab-case and unique");
            require(problems, stage.handledBy() != null, at + ".handledBy is required");
            require(problems, s == 0 ? stage.request().isEmpty() : stage.request().isPresent(),
                    at + (s == 0 ? ".request is only for later stages" : ".request is required after the first stage"));
            require(problems, !stage.skippedWhenAboutHandler() || s + 1 < policy.stages().size(),
                    at + ".skippedWhenAboutHandler needs a next stage to start at");
            require(problems, !stage.steps().isEmpty(), at + ".steps must name at least one step");
            Set<String> stepIds = new HashSet<>();
            for (int i = 0; i < stage.steps().size(); i++) {
                Step step = stage.steps().get(i);
                String stepAt = at + ".steps[" + i + "]";
                require(problems, step.id() != null && KEBAB.matcher(step.id()).matches() && stepIds.add(step.id()),
                        stepAt + ".id must be kebab-case and unique in its stage");
                step.meets().ifPresent(clockId -> require(problems,
                        stage.clocks().stream().anyMatch(clock -> clock.id().equals(clockId)),
                        stepAt + ".meets names no clock of this stage: " + clockId));
            }
            for (int c = 0; c < stage.clocks().size(); c++) {
                Clock clock = stage.clocks().get(c);
                String clockAt = at + ".clocks[" + c + "]";
                require(problems, clock.id() != null && CAMEL.matcher(clock.id()).matches() && clockIds.add(clock.id()),
                        clockAt + ".id must be camelCase and unique in the procedure");
                require(problems, clock.workingDays() > 0, clockAt + ".workingDays must be more than 0");
                require(problems, clock.escalateEveryWorkingDays() > 0,
                        clockAt + ".escalateEveryWorkingDays must be more than 0");
                require(problems, clock.remindBeforeWorkingDays().stream()
                                .allMatch(days -> days > 0 && days < clock.workingDays()),
                        clockAt + ".remindBeforeWorkingDays must each be between 1 and workingDays - 1");
                long meetingSteps = stage.steps().stream()
                        .filter(step -> step.meets().filter(clock.id()::equals).isPresent()).count();
                require(problems, meetingSteps == 1, clockAt + " must be met by exactly one step, was " + meetingSteps);
                require(problems, clock.startsWithStage() || clock.startsAfterStep()
                                .filter(stepId -> startsBeforeItIsMet(stage, stepId, clock.id())).isPresent(),
                        clockAt + ".startsAt must be 'stage-start' or 'after:<a step before the one that meets it>'");
                clock.extension().ifPresent(extension -> require(problems,
                        extension.maxWorkingDays().orElse(1) > 0 && extension.maxCount().orElse(1) > 0,
                        clockAt + ".extension limits must be more than 0"));
            }
        }
        return problems;
    }

    private static boolean startsBeforeItIsMet(Stage stage, String stepId, String clockId) {
        List<String> steps = stage.steps().stream().map(Step::id).toList();
        int start = steps.indexOf(stepId);
        int met = stage.steps().stream().map(step -> step.meets().orElse("")).toList().indexOf(clockId);
        return start >= 0 && start < met;
    }

    /**
     * A council's own file may change the numbers (working days, reminders, limits), not the shape: the BPMN process
     * was generated from the shipped file's stages, steps and clocks.
     */
    private static void checkSameShapeAsShipped(ProcedurePolicy own, ProcedurePolicy shipped) {
        if (!shape(own).equals(shape(shipped))) {
            throw new IllegalArgumentException("the policy file for " + own.id() + " changes the stages, steps or "
                    + "clocks of the shipped one, which its BPMN process follows: change only the numbers, or "
                    + "write the process anew (see the README)\n  shipped: " + shape(shipped) + "\n  yours:   "
                    + shape(own));
        }
    }

    private static List<String> shape(ProcedurePolicy policy) {
        List<String> shape = new ArrayList<>();
        for (Stage stage : policy.stages()) {
            shape.add(stage.id() + " by " + stage.handledBy() + (stage.skippedWhenAboutHandler() ? ", skippable" : "")
                    + stage.request().map(request -> request.withinWorkingDays().isPresent() ? ", request window"
                            : ", request").orElse(""));
            stage.steps().forEach(step -> shape.add("  step " + step.id() + step.meets().map(" meets "::concat)
                    .orElse("")));
            stage.clocks().forEach(clock -> shape.add("  clock " + clock.id() + " from " + clock.startsAt()
                    + (clock.extension().isPresent() ? ", extensible" : "")));
        }
        policy.feedback().ifPresent(feedback -> shape.add("feedback to " + feedback.commentsTo() + ", "
                + feedback.complimentsTo()));
        return shape;
    }

    private static void checkClockIdsApart(ProcedurePolicy procedure, ProcedurePolicy informal) {
        for (Clock clock : informal.clocks()) {
            if (procedure.clocks().stream().anyMatch(other -> other.id().equals(clock.id()))) {
                throw new IllegalArgumentException(procedure.id() + " uses the clock id " + clock.id()
                        + ", which the informal front uses too");
            }
        }
    }

    private static void require(List<String> problems, boolean rule, String problem) {
        if (!rule) {
            problems.add(problem);
        }
    }

    /** Every procedure a complaint can name, in the listed order. */
    public List<ProcedurePolicy> all() {
        return SHIPPED.stream().map(procedures::get).toList();
    }

    public Optional<ProcedurePolicy> find(String id) {
        return Optional.ofNullable(procedures.get(id));
    }

    public ProcedurePolicy informalResolution() {
        return informalResolution;
    }
}
