package uk.redress.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import uk.redress.local.StackSettings;

/**
 * The CPU each part of the local stack has taken so far (user and system time, from {@code /proc}): the stack's JVM
 * (the engine, Kafka, SMTP), each service's JVM, PostgreSQL's processes summed, and this benchmark's own JVM, which
 * shares the machine. Taken before and after a stretch of work, it says what each part spent on it.
 *
 * <p>Besides, the engine's actor threads' time on a core and waiting for one ({@code /proc/<pid>/task/<tid>/schedstat}):
 * the engine processes each partition's commands on one of them, in turn, so that time it waits while other threads
 * hold both cores is time no complaint moves on; and how many turns on a core they took (the third field), since
 * the engine's thread gives its core up whenever it waits, as it does for every expression it evaluates (Zeebe 8.8
 * evaluates each on a virtual thread of its own, to time it out). And each JVM's JIT compiler threads' CPU, which goes
 * on long after a warm-up whenever the load changes.
 *
 * @param seconds      each part's CPU so far
 * @param compiling    each JVM's JIT compiler threads' CPU so far, in seconds (a share of its {@code seconds})
 * @param engineRun    the engine's actor threads' time on a core so far, in seconds
 * @param engineWait   their time runnable but waiting for a core so far, in seconds
 * @param engineTurns  their turns on a core so far
 * @param nanos        when it was read, on {@link System#nanoTime()}
 */
record CpuTime(Map<String, Double> seconds, Map<String, Double> compiling, double engineRun, double engineWait,
               long engineTurns, long nanos) {

    static final String BENCHMARK = "benchmark";

    /** The engine's threads for its actors (a partition's stream processor among them); the I/O ones are others. */
    private static final String ENGINE_ACTOR_THREADS = "zb-actors-";
    /** HotSpot's C1 and C2 compiler threads, as {@code comm} cuts their names to 15 characters. */
    private static final String COMPILER_THREADS = "CompilerThre";
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    static CpuTime now(StackSettings settings) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<Path, String> jvms = StackProcesses.jvms();
        jvms.forEach((proc, part) -> seconds.merge(part, cpuSeconds(proc, false), Double::sum));
        List<Path> postgres = StackProcesses.postgres(settings);
        for (Path proc : postgres) {
            // A backend that has ended is counted in its postmaster's reaped children's time.
            seconds.merge(StackProcesses.POSTGRES, cpuSeconds(proc, proc.equals(postgres.getFirst())), Double::sum);
        }
        seconds.put(BENCHMARK, cpuSeconds(Path.of("/proc/self"), false));
        Map<String, Double> compiling = new LinkedHashMap<>();
        double[] engine = new double[3];
        for (Map.Entry<Path, String> jvm : jvms.entrySet()) {
            try (Stream<Path> threads = Files.list(jvm.getKey().resolve("task"))) {
                threads.forEach(thread -> addThread(thread, jvm.getValue(), compiling, engine));
            }
        }
        return new CpuTime(seconds, compiling, engine[0], engine[1], (long) engine[2], System.nanoTime());
    }

    /**
     * A compiler thread adds its CPU to its JVM's {@code compiling}; an engine's actor thread its time on a core and
     * waiting for one, in seconds (schedstat's first two fields, in ns), and its turns on a core to {@code engine}.
     */
    private static void addThread(Path thread, String part, Map<String, Double> compiling, double[] engine) {
        try {
            String name = Files.readString(thread.resolve("comm"));
            if (name.contains(COMPILER_THREADS)) {
                compiling.merge(part, cpuSeconds(thread, false), Double::sum);
            } else if (part.equals(StackProcesses.STACK_JVM) && name.startsWith(ENGINE_ACTOR_THREADS)) {
                String[] fields = Files.readString(thread.resolve("schedstat")).trim().split(" ");
                engine[0] += Long.parseLong(fields[0]) / 1e9;
                engine[1] += Long.parseLong(fields[1]) / 1e9;
                engine[2] += Long.parseLong(fields[2]);
            }
        } catch (IOException gone) {
            // Ended between the listing and the reading: a compiler thread's CPU goes with it (HotSpot starts and
            // stops them with the load); the engine's actor threads live as long as the engine.
        }
    }

    /** A process's CPU so far; with {@code reapedChildren}, its ended children's besides. */
    private static double cpuSeconds(Path proc, boolean reapedChildren) {
        try {
            return StackProcesses.cpuSeconds(StackProcesses.statFields(proc.resolve("stat")), reapedChildren);
        } catch (IOException gone) {
            // Ended between the listing and the reading: its time is its parent's to count now.
            return 0;
        }
    }

    /** What each part spent since {@code earlier}, and over how long. */
    CpuTime since(CpuTime earlier) {
        Map<String, Double> spent = new LinkedHashMap<>();
        seconds.forEach((part, now) -> spent.put(part, now - earlier.seconds().getOrDefault(part, 0.0)));
        Map<String, Double> compiled = new LinkedHashMap<>();
        compiling.forEach((part, now) -> compiled.put(part, now - earlier.compiling().getOrDefault(part, 0.0)));
        return new CpuTime(spent, compiled, engineRun - earlier.engineRun(), engineWait - earlier.engineWait(),
                engineTurns - earlier.engineTurns(), nanos - earlier.nanos());
    }

    /** Each part's CPU in ms for each of {@code items}, and how busy all of them kept the machine's cores. */
    String perItem(int items, String item) {
        double total = total();
        return String.format(Locale.ROOT, "%s ms of CPU a %s (all of them %.1f ms; the JIT compilers' share %s); over "
                + "%.1f s they kept the %d cores %.0f%% busy; the engine's actor threads ran %.1f ms a %s in %.1f "
                + "turns on a core and waited %.1f ms for one (%.0f microseconds a turn)",
                parts(seconds, 1000.0 / items), item, 1000 * total / items, parts(compiling, 1000.0 / items),
                nanos / 1e9, CORES, 100 * busy(), 1000 * engineRun / items, item, (double) engineTurns / items,
                1000 * engineWait / items,
                1e6 * engineWait / Math.max(engineTurns, 1));
    }

    /** Each part's CPU in seconds. */
    String spent() {
        return parts(seconds, 1) + " s of CPU";
    }

    /** The share of the machine's cores all the parts kept busy, from 0 to 1. */
    double busy() {
        return total() / (nanos / 1e9 * CORES);
    }

    private double total() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String parts(Map<String, Double> seconds, double scale) {
        StringBuilder text = new StringBuilder();
        seconds.forEach((part, spent) -> text.append(text.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f", part, scale * spent)));
        return text.toString();
    }
}
