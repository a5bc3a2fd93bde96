package uk.redress.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import uk.redress.local.StackSettings;

/**
 * The CPU each part of the local stack has taken so far (user and system time, from {@code /proc}): the stack's JVM
 * (the engine, Kafka, SMTP), each service's JVM, PostgreSQL's processes summed, and this benchmark's own JVM, which
 * shares the machine. Taken before and after a stretch of work, it says what each part spent on it.
 *
 * <p>Besides, the engine's actor threads' time on a core and waiting for one
 * ({@code /proc/<pid>/task/<tid>/schedstat}): the engine processes each partition's commands on one of them, in turn,
 * so that time it waits while other threads hold both cores is time no complaint moves on; and how many turns on a
 * core they took (the third field), since the engine's thread gives its core up whenever it waits, as it does for
 * every expression it evaluates (Zeebe 8.8 evaluates each on a virtual thread of its own, to time it out); and the
 * turns on a core of the threads that carry the stack JVM's virtual threads, about one an evaluation. And each JVM's
 * JIT compiler threads' CPU, which goes on long after a warm-up whenever the load changes.
 *
 * <p>Threads are counted one by one, each against its own earlier reading: HotSpot starts compiler threads as work
 * queues and ends them when idle, and the virtual threads' scheduler its carriers likewise, so totals read at two
 * moments would lose a thread's whole past when it ends between them. What a thread did between the two readings
 * before it ended is lost with it.
 *
 * @param seconds each part's CPU so far
 * @param threads the threads counted one by one (compilers, the engine's actors, the carriers), by process and
 *                thread id
 * @param nanos   when it was read, on {@link System#nanoTime()}
 */
record CpuTime(Map<String, Double> seconds, Map<String, ThreadTime> threads, long nanos) {

    static final String BENCHMARK = "benchmark";

    /** The engine's threads for its actors (a partition's stream processor among them); the I/O ones are others. */
    private static final String ENGINE_ACTOR_THREADS = "zb-actors-";
    /**
     * The JDK's scheduler of virtual threads, a fork-join pool of its own (the common pool's threads are named
     * otherwise): in the stack's JVM its threads carry the engine's expression evaluations (seen in a recording of it).
     */
    private static final String CARRIER_THREADS = "ForkJoinPool-";
    /** HotSpot's C1 and C2 compiler threads, as {@code comm} cuts their names to 15 characters. */
    private static final String COMPILER_THREADS = "CompilerThre";
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** What a thread is counted as. */
    enum Role { COMPILER, ENGINE_ACTOR, CARRIER }

    /**
     * One thread's counts so far, from its {@code schedstat}: its time on a core and runnable but waiting for one, in
     * seconds, and its turns on a core (the kernel's three fields).
     */
    record ThreadTime(String part, Role role, double onCore, double waiting, long turns) {

        ThreadTime minus(ThreadTime earlier) {
            return earlier == null ? this
                    : new ThreadTime(part, role, onCore - earlier.onCore, waiting - earlier.waiting,
                    turns - earlier.turns);
        }
    }

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
        Map<String, ThreadTime> threads = new LinkedHashMap<>();
        for (Map.Entry<Path, String> jvm : jvms.entrySet()) {
            try (Stream<Path> tasks = Files.list(jvm.getKey().resolve("task"))) {
                tasks.forEach(thread -> threadTime(thread, jvm.getValue()).ifPresent(time ->
                        threads.put(jvm.getKey().getFileName() + "/" + thread.getFileName(), time)));
            }
        }
        return new CpuTime(seconds, threads, System.nanoTime());
    }

    /** A thread's counts if it is one counted: a JVM's compiler, or the stack JVM's engine actor or carrier. */
    private static Optional<ThreadTime> threadTime(Path thread, String part) {
        try {
            String name = Files.readString(thread.resolve("comm"));
            boolean stack = part.equals(StackProcesses.STACK_JVM);
            Role role = name.contains(COMPILER_THREADS) ? Role.COMPILER
                    : stack && name.startsWith(ENGINE_ACTOR_THREADS) ? Role.ENGINE_ACTOR
                    : stack && name.startsWith(CARRIER_THREADS) ? Role.CARRIER
                    : null;
            if (role == null) {
                return Optional.empty();
            }
            String[] fields = Files.readString(thread.resolve("schedstat")).trim().split(" ");
            return Optional.of(new ThreadTime(part, role, Long.parseLong(fields[0]) / 1e9,
                    Long.parseLong(fields[1]) / 1e9, Long.parseLong(fields[2])));
        } catch (IOException gone) {
            // Ended between the listing and the reading: counted as ended (see the class's comment).
            return Optional.empty();
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
        Map<String, ThreadTime> counted = new LinkedHashMap<>();
        threads.forEach((id, now) -> counted.put(id, now.minus(earlier.threads().get(id))));
        return new CpuTime(spent, counted, nanos - earlier.nanos());
    }

    /** Each part's CPU in ms for each of {@code items}, and how busy all of them kept the machine's cores. */
    String perItem(int items, String item) {
        Map<String, Double> compiling = new LinkedHashMap<>();
        of(Role.COMPILER).forEach(thread -> compiling.merge(thread.part(), thread.onCore(), Double::sum));
        double engineRun = of(Role.ENGINE_ACTOR).mapToDouble(ThreadTime::onCore).sum();
        double engineWait = of(Role.ENGINE_ACTOR).mapToDouble(ThreadTime::waiting).sum();
        long engineTurns = of(Role.ENGINE_ACTOR).mapToLong(ThreadTime::turns).sum();
        long carrierTurns = of(Role.CARRIER).mapToLong(ThreadTime::turns).sum();
        return String.format(Locale.ROOT, "%s ms of CPU a %s (all of them %.1f ms; the JIT compilers' share %s); over "
                + "%.1f s they kept the %d cores %.0f%% busy; the engine's actor threads ran %.1f ms a %s in %.1f "
                + "turns on a core and waited %.1f ms for one (%.0f microseconds a turn); the virtual threads' "
                + "carriers (its expressions' evaluations) took %.1f turns a %s",
                parts(seconds, 1000.0 / items), item, 1000 * total() / items, parts(compiling, 1000.0 / items),
                nanos / 1e9, CORES, 100 * busy(), 1000 * engineRun / items, item, (double) engineTurns / items,
                1000 * engineWait / items, 1e6 * engineWait / Math.max(engineTurns, 1),
                (double) carrierTurns / items, item);
    }

    private Stream<ThreadTime> of(Role role) {
        return threads.values().stream().filter(thread -> thread.role() == role);
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
