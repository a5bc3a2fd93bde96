package uk.redress.local;

import java.util.Arrays;
import java.util.List;

/**
 * Options for every JVM a launched stack starts, its own and its services': the native heap's trim, and the system
 * property {@value #PROPERTY}, options separated by spaces. The test suites set that property (see the parent POM),
 * because their stacks live for a minute or less and start dozens of times; {@code deploy/local/run} and the
 * benchmarks leave it unset.
 */
final class JvmOptions {

    static final String PROPERTY = "redress.jvm-options";

    private JvmOptions() {
    }

    /**
     * Every five seconds, glibc's free memory given back to the system: memory the JIT's compilations, RocksDB and
     * the libraries allocated and freed again stays resident in malloc's arenas until trimmed. Trimming by hand
     * ({@code jcmd <pid> System.trim_native_heap}) in a scale benchmark, after its first level, gave back 35 MB of the
     * stack's JVM and 24 and 28 MB of the services'. Over a 42-minute scale run the trims took the stack's JVM 3.3 s
     * (35 ms at most) and the services 1.3 and 0.7 s, each on a thread of its own. A product option from JDK 22;
     * elsewhere than glibc the JVM warns and runs on.
     */
    static List<String> nativeHeapTrim() {
        return Runtime.version().feature() >= 22 ? List.of("-XX:TrimNativeHeapInterval=5000") : List.of();
    }

    static List<String> fromSystemProperty() {
        return Arrays.stream(System.getProperty(PROPERTY, "").split(" ")).filter(option -> !option.isBlank())
                .toList();
    }
}
