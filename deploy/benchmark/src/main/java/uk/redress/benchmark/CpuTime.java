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
 * hold both cores is time no complaint moves on.
 *
 * @param seconds      each part's CPU so far
 * @param engineRun    the engine's actor threads' time on a core so far, in seconds
 * @param engineWait   their time runnable but waiting for a core so far, in seconds
 * @param nanos        when it was read, on {@link System#nanoTime()}
 */
record CpuTime(Map<String, Double> seconds, double engineRun, double engineWait, long nanos) {

    static final String BENCHMARK = "benchmark";

    /** The engine's threads for its actors (a partition's stream processor among them); the I/O ones are others. */
    private static final String ENGINE_ACTOR_THREADS = "zb-actors-";
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
        double[] engine = new double[2];
        for (Map.Entry<Path, String> jvm : jvms.entrySet()) {
            if (jvm.getValue().equals(StackProcesses.STACK_JVM)) {
                try (Stream<Path> threads = Files.list(jvm.getKey().resolve("task"))) {
                    threads.forEach(thread -> addSchedStat(thread, engine));
                }
            }
        }
        return new CpuTime(seconds, engine[0], engine[1], System.nanoTime());
    }

    /** A thread of the engine's actors adds its time on a core and waiting for one, in ns (schedstat's first two). */
    private static void addSchedStat(Path thread, double[] runAndWait) {
        try {
            if (!Files.readString(thread.resolve("comm")).startsWith(ENGINE_ACTOR_THREADS)) {
                return;
            }
            String[] fields = Files.readString(thread.resolve("schedstat")).trim().split(" ");
            runAndWait[0] += Long.parseLong(fields[0]) / 1e9;
            runAndWait[1] += Long.parseLong(fields[1]) / 1e9;
        } catch (IOException gone) {
            // Ended between the listing and the reading; the engine's actor threads live as long as the engine.
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
        return new CpuTime(spent, engineRun - earlier.engineRun(), engineWait - earlier.engineWait(),
                nanos - earlier.nanos());
    }

    /** Each part's CPU in ms for each of {@code items}, and how busy all of them kept the machine's cores. */
    String perItem(int items, String item) {
        double total = total();
        return String.format(Locale.ROOT, "%s ms of CPU a %s (all of them %.1f ms); over %.1f s they kept the "
                + "%d cores %.0f%% busy; the engine's actor threads ran %.1f ms a %s and waited %.1f ms for a core",
                parts(1000.0 / items), item, 1000 * total / items, nanos / 1e9, CORES, 100 * busy(),
                1000 * engineRun / items, item, 1000 * engineWait / items);
    }

    /** Each part's CPU in seconds. */
    String spent() {
        return parts(1) + " s of CPU";
    }

    /** The share of the machine's cores all the parts kept busy, from 0 to 1. */
    double busy() {
        return total() / (nanos / 1e9 * CORES);
    }

    private double total() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private String parts(double scale) {
        StringBuilder text = new StringBuilder();
        seconds.forEach((part, spent) -> text.append(text.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f", part, scale * spent)));
        return text.toString();
    }
}
