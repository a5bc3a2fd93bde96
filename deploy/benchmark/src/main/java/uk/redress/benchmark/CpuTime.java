package uk.redress.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.redress.local.StackSettings;

/**
 * The CPU each part of the local stack has taken so far (user and system time, from {@code /proc}): the stack's JVM
 * (the engine, Kafka, SMTP), each service's JVM, PostgreSQL's processes summed, and this benchmark's own JVM, which
 * shares the machine. Taken before and after a stretch of work, it says what each part spent on it.
 *
 * @param seconds each part's CPU so far
 * @param nanos   when it was read, on {@link System#nanoTime()}
 */
record CpuTime(Map<String, Double> seconds, long nanos) {

    static final String BENCHMARK = "benchmark";

    /** Linux counts CPU in ticks of a hundredth of a second (USER_HZ) on x86-64 and arm64 alike. */
    private static final double TICKS_A_SECOND = 100;

    static CpuTime now(StackSettings settings) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        StackProcesses.jvms().forEach((proc, part) -> seconds.merge(part, ticks(proc, false) / TICKS_A_SECOND,
                Double::sum));
        List<Path> postgres = StackProcesses.postgres(settings);
        for (Path proc : postgres) {
            // A backend that has ended is counted in its postmaster's reaped children's time.
            seconds.merge(StackProcesses.POSTGRES, ticks(proc, proc.equals(postgres.getFirst())) / TICKS_A_SECOND,
                    Double::sum);
        }
        seconds.put(BENCHMARK, ticks(Path.of("/proc/self"), false) / TICKS_A_SECOND);
        return new CpuTime(seconds, System.nanoTime());
    }

    /** utime and stime, and with {@code reapedChildren} cutime and cstime: the 14th to 17th fields. */
    private static long ticks(Path proc, boolean reapedChildren) {
        try {
            String[] fields = StackProcesses.statFields(proc.resolve("stat"));
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return reapedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
        } catch (IOException gone) {
            // Ended between the listing and the reading: its time is its parent's to count now.
            return 0;
        }
    }

    /** What each part spent since {@code earlier}, and over how long. */
    CpuTime since(CpuTime earlier) {
        Map<String, Double> spent = new LinkedHashMap<>();
        seconds.forEach((part, now) -> spent.put(part, now - earlier.seconds().getOrDefault(part, 0.0)));
        return new CpuTime(spent, nanos - earlier.nanos());
    }

    /** Each part's CPU in ms for each of {@code items}, and how busy all of them kept the machine's cores. */
    String perItem(int items, String item) {
        StringBuilder text = new StringBuilder();
        seconds.forEach((part, spent) -> text.append(text.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f", part, 1000 * spent / items)));
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "%s ms of CPU a %s (all of them %.1f ms); over %.1f s they kept the "
                + "%d cores %.0f%% busy", text, item, 1000 * total / items, nanos / 1e9, cores,
                100 * total / (nanos / 1e9 * cores));
    }
}
