package uk.redress.local;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What to start, where its data lives and which ports it takes: the local stack's command line, parsed.
 *
 * @param home                  the repository root, where the packaged services are found
 * @param dataDir               the one folder that holds all of the stack's data
 * @param parts                 the parts to start
 * @param ports                 the port of every part, started or not
 * @param clockStart            the instant the engine's clock starts at, and runs on from; empty: the real time
 * @param instances             how many instances of each service run, as production runs several on one database,
 *                              Kafka and engine; instance n (from 0) listens on the service's port plus 10 n
 * @param exitWhenStdinCloses   stop when standard input closes: a test JVM that dies takes its stack with it
 */
public record StackSettings(Path home, Path dataDir, Set<Part> parts, Map<Port, Integer> ports,
                            Optional<Instant> clockStart, int instances, boolean exitWhenStdinCloses) {

    /** Between the ports of two instances of a service. */
    public static final int INSTANCE_PORT_STEP = 10;

    public static final String USAGE = """
            Usage: deploy/local/run [options]
              --data-dir DIR              where all data is kept (default: .redress-data)
              --only PART,PART            start only these parts (default: all): %s
              --home DIR                  the Redress repository, where the packaged services are (default: .)
              --<name>-port N             change a port: %s
              --instances N               run N instances of each service (default 1); instance n listens on its
                                          service's port plus 10 n
              --clock-start INSTANT       start the engine's clock (the services' "now") at this instant, for
                                          example 2026-11-23T09:00:00Z; it runs on from there (default: now)
              --exit-when-stdin-closes    stop when standard input closes (used by the tests)
            """;

    public StackSettings {
        parts = Set.copyOf(parts);
        ports = Map.copyOf(ports);
        if (instances < 1) {
            throw new IllegalArgumentException("--instances must be 1 or more, was " + instances);
        }
    }

    public static Map<Port, Integer> defaultPorts() {
        Map<Port, Integer> ports = new EnumMap<>(Port.class);
        for (Port port : Port.values()) {
            ports.put(port, port.defaultNumber());
        }
        return ports;
    }

    public static StackSettings parse(String... args) {
        Path home = Path.of(".");
        Path dataDir = Path.of(".redress-data");
        Set<Part> parts = EnumSet.allOf(Part.class);
        Map<Port, Integer> ports = defaultPorts();
        Optional<Instant> clockStart = Optional.empty();
        int instances = 1;
        boolean exitWhenStdinCloses = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--exit-when-stdin-closes" -> exitWhenStdinCloses = true;
                case "--data-dir" -> dataDir = Path.of(valueOf(args, ++i, option));
                case "--home" -> home = Path.of(valueOf(args, ++i, option));
                case "--clock-start" -> clockStart = parseClockStart(valueOf(args, ++i, option));
                case "--instances" -> instances = count(valueOf(args, ++i, option), option);
                case "--only" -> {
                    parts = EnumSet.noneOf(Part.class);
                    for (String id : valueOf(args, ++i, option).split(",")) {
                        parts.add(Part.byId(id.trim()));
                    }
                }
                default -> {
                    Port port = Arrays.stream(Port.values())
                            .filter(candidate -> candidate.option().equals(option))
                            .findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("unknown option '" + option + "'"));
                    ports.put(port, portNumber(valueOf(args, ++i, option), option));
                }
            }
        }
        return new StackSettings(home.toAbsolutePath().normalize(), dataDir.toAbsolutePath().normalize(), parts,
                ports, clockStart, instances, exitWhenStdinCloses);
    }

    /**
     * An instant given as ISO 8601 with its offset ({@code 2026-11-23T09:00:00Z}, {@code 2026-10-25T00:30+01:00}),
     * or {@code now} for the real time.
     */
    public static Optional<Instant> parseClockStart(String value) {
        if (value.equals("now")) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--clock-start must be an instant such as 2026-11-23T09:00:00Z (with "
                    + "its offset), or 'now'; was '" + value + "'");
        }
    }

    /**
     * Settings for {@code part} alone, on the same ports and clock, with its data in {@code folder} under this data
     * folder: a test stops and starts that part on its own while the rest of the stack runs.
     */
    public StackSettings alone(Part part, String folder) {
        return new StackSettings(home, dataDir.resolve(folder), Set.of(part), ports, clockStart, instances,
                exitWhenStdinCloses);
    }

    /** The same settings with the engine's clock starting at {@code instant}. */
    public StackSettings withClockStart(Instant instant) {
        return new StackSettings(home, dataDir, parts, ports, Optional.of(instant), instances, exitWhenStdinCloses);
    }

    /** The same settings for the repository at {@code home}: another copy of Redress, with its own build. */
    public StackSettings withHome(Path home) {
        return new StackSettings(home, dataDir, parts, ports, clockStart, instances, exitWhenStdinCloses);
    }

    /** The command line that {@link #parse} turns back into these settings. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--data-dir", dataDir.toString(),
                "--only", String.join(",", parts.stream().sorted().map(Part::id).toList())));
        for (Port port : Port.values()) {
            args.add(port.option());
            args.add(String.valueOf(port(port)));
        }
        args.add("--instances");
        args.add(String.valueOf(instances));
        clockStart.ifPresent(instant -> {
            args.add("--clock-start");
            args.add(instant.toString());
        });
        if (exitWhenStdinCloses) {
            args.add("--exit-when-stdin-closes");
        }
        return args;
    }

    public static String usage() {
        return USAGE.formatted(Part.ids(),
                String.join(", ", Arrays.stream(Port.values()).map(Port::option).toList()));
    }

    public int port(Port port) {
        return ports.get(port);
    }

    /** The port of instance {@code instance} (from 0) of a service: its port, plus 10 for each instance before it. */
    public int port(Port port, int instance) {
        return port(port) + INSTANCE_PORT_STEP * instance;
    }

    /** Every port this stack takes, with what listens there. */
    public Map<Integer, String> takenPorts() {
        Map<Integer, String> taken = new LinkedHashMap<>();
        for (Port port : Port.values()) {
            if (!runs(port.part())) {
                continue;
            }
            int copies = port.part().isService() ? instances : 1;
            for (int instance = 0; instance < copies; instance++) {
                taken.put(port(port, instance), port.title() + (instance == 0 ? "" : " " + (instance + 1)));
            }
        }
        return taken;
    }

    public boolean runs(Part part) {
        return parts.contains(part);
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + port(Port.KAFKA);
    }

    public String zeebeGrpcAddress() {
        return "http://127.0.0.1:" + port(Port.ZEEBE);
    }

    public String httpAddress(Port port) {
        return "http://127.0.0.1:" + port(port);
    }

    public String postgresJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port(Port.POSTGRES) + "/" + PostgresServer.DATABASE;
    }

    public String postgresReactiveUrl() {
        return "postgresql://127.0.0.1:" + port(Port.POSTGRES) + "/" + PostgresServer.DATABASE;
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int count(String value, String option) {
        try {
            int count = Integer.parseInt(value);
            if (count < 1 || count > 9) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number from 1 to 9, was '" + value + "'");
        }
    }

    private static int portNumber(String value, String option) {
        try {
            int number = Integer.parseInt(value);
            if (number < 1 || number > 65535) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number from 1 to 65535, was '" + value + "'");
        }
    }
}
