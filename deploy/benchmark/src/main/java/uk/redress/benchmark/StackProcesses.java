package uk.redress.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import uk.redress.local.StackSettings;

/** The processes of the local stack this benchmark started, each by its {@code /proc} directory. */
final class StackProcesses {

    static final String STACK_JVM = "stack JVM";
    static final String POSTGRES = "PostgreSQL";
    static final String COMPLAINT = "complaint";
    static final String NOTIFICATION = "notification";

    private StackProcesses() {
    }

    /** The stack's JVMs, each to {@link #STACK_JVM}, {@link #COMPLAINT} or {@link #NOTIFICATION}. */
    static Map<Path, String> jvms() {
        Map<Path, String> jvms = new LinkedHashMap<>();
        ProcessHandle.current().descendants().forEach(process -> {
            Path proc = Path.of("/proc", Long.toString(process.pid()));
            try {
                String command = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8);
                String part = command.contains("uk.redress.local.LocalStack") ? STACK_JVM
                        : command.contains("complaint-service") ? COMPLAINT
                        : command.contains("notification-service") ? NOTIFICATION : null;
                if (part != null) {
                    jvms.put(proc, part);
                }
            } catch (IOException gone) {
                // Ended between the listing and the reading: not part of the stack any more.
            }
        });
        return jvms;
    }

    /**
     * PostgreSQL's postmaster first, then its processes (a backend per connection); none in a stack without it (the
     * bare engine's). pg_ctl starts the postmaster detached from the stack, so it is found by its pid file.
     */
    static List<Path> postgres(StackSettings settings) throws IOException {
        Path pidFile = settings.dataDir().resolve("postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return List.of();
        }
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        return ProcessHandle.of(postmaster).stream()
                .flatMap(main -> Stream.concat(Stream.of(main), main.descendants()))
                .map(process -> Path.of("/proc", Long.toString(process.pid())))
                .toList();
    }

    /** Linux counts CPU in ticks of a hundredth of a second (USER_HZ) on x86-64 and arm64 alike. */
    private static final double TICKS_A_SECOND = 100;

    /**
     * The CPU seconds in a process's or thread's {@link #statFields}: utime and stime (the 14th and 15th fields), and
     * with {@code reapedChildren} cutime and cstime (the 16th and 17th), its ended children's.
     */
    static double cpuSeconds(String[] fields, boolean reapedChildren) {
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (reapedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks / TICKS_A_SECOND;
    }

    /**
     * Fields of {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} from the state on (the third), so that
     * {@code fields[11]} is utime: counted after the name's closing bracket, since a name may hold spaces.
     */
    static String[] statFields(Path stat) throws IOException {
        String line = Files.readString(stat);
        return line.substring(line.lastIndexOf(')') + 2).split(" ");
    }
}
