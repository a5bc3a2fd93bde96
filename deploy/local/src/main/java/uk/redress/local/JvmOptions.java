package uk.redress.local;

import java.util.Arrays;
import java.util.List;

/**
 * Options for every JVM a launched stack starts, its own and its services': the system property
 * {@value #PROPERTY}, options separated by spaces. The test suites set it (see the parent POM), because their stacks
 * live for a minute or less and start dozens of times; {@code deploy/local/run} and the benchmarks leave it unset.
 */
final class JvmOptions {

    static final String PROPERTY = "redress.jvm-options";

    private JvmOptions() {
    }

    static List<String> fromSystemProperty() {
        return Arrays.stream(System.getProperty(PROPERTY, "").split(" ")).filter(option -> !option.isBlank())
                .toList();
    }
}
