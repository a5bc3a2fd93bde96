package uk.redress.benchmark;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import uk.redress.benchmark.IntakeBenchmark.Drained;
import uk.redress.benchmark.IntakeBenchmark.Run;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.StackSettings;

/**
 * What tracing costs complaint intake: the same intake (full speed, then a fixed rate) on a stack whose complaint
 * service exports every span over OTLP, against one whose tracing is off, in turn, each stack fresh and warmed the same
 * way. Metrics are on in both: Micrometer is part of the build and cannot be turned off at run time, so its cost is in
 * both figures alike. The spans go to a collector endpoint in this process that reads each export whole and answers
 * at once, as a collector beside the service would.
 *
 * <p>Run with {@code deploy/benchmark/run tracing [--rounds N] [--complaints N] [--concurrency N] [--warm-up N]}.
 */
final class TracingOverheadBenchmark {

    private TracingOverheadBenchmark() {
    }

    static void run(String[] args) throws Exception {
        int rounds = IntakeBenchmark.option(args, "--rounds", 2);
        int complaints = IntakeBenchmark.option(args, "--complaints", 800);
        int concurrency = IntakeBenchmark.option(args, "--concurrency", 4);
        int warmUp = IntakeBenchmark.option(args, "--warm-up", 1000);
        List<Round> off = new ArrayList<>();
        List<Round> on = new ArrayList<>();
        double fixedRate = 0;
        try (Collector collector = new Collector()) {
            for (int round = 1; round <= rounds; round++) {
                for (boolean tracing : new boolean[] {false, true}) {
                    System.out.printf("Round %d of %d, tracing %s: starting the stack...%n", round, rounds,
                            tracing ? "on" : "off");
                    Round measured = round(tracing ? collector.environment() : Map.of(), complaints, concurrency,
                            warmUp, fixedRate);
                    if (fixedRate == 0) {
                        // Every round's latency is taken at the same load: half of the first round's sustained rate.
                        fixedRate = measured.sustained() / 2;
                    }
                    (tracing ? on : off).add(measured);
                    measured.print("round " + round + ", tracing " + (tracing ? "on" : "off"));
                }
            }
            System.out.printf("%nThe collector received %d exports, %d bytes of spans.%n", collector.exports.get(),
                    collector.bytes.get());
        }
        double throughputOff = median(off.stream().map(Round::sustained).toList());
        double throughputOn = median(on.stream().map(Round::sustained).toList());
        double p99Off = median(off.stream().map(round -> round.atFixedRate().percentileMillis(0.99)).toList());
        double p99On = median(on.stream().map(round -> round.atFixedRate().percentileMillis(0.99)).toList());
        System.out.printf(Locale.ROOT, "%nMedians of %d rounds: sustained intake %.1f/s off, %.1f/s on (%+.1f%%); "
                        + "p99 at %.0f/s %.1f ms off, %.1f ms on (%+.1f%%).%n", rounds, throughputOff, throughputOn,
                100 * (throughputOn - throughputOff) / throughputOff, fixedRate, p99Off, p99On,
                100 * (p99On - p99Off) / p99Off);
    }

    private static Round round(Map<String, String> environment, int complaints, int concurrency, int warmUp,
                               double fixedRate) throws Exception {
        try (LocalStackProcess stack = LocalStackProcess.start(LocalStackProcess.onFreePorts(
                EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.ZEEBE, Part.COMPLAINT_SERVICE)), environment)) {
            StackSettings settings = stack.settings();
            System.out.printf("Warming up with %d complaints...%n", warmUp);
            IntakeBenchmark.intake(settings, warmUp, concurrency, 0);
            IntakeBenchmark.secondsUntilOutboxIsEmpty(settings, Duration.ofMinutes(2));
            System.out.printf("Intake at full speed: %d complaints, %d at a time...%n", complaints, concurrency);
            Run full = IntakeBenchmark.intake(settings, complaints, concurrency, 0);
            Drained drained = IntakeBenchmark.secondsUntilOutboxIsEmpty(settings, Duration.ofMinutes(2));
            if (drained.engine() < 0) {
                throw new IllegalStateException("the outbox still held events 2 minutes after the last request");
            }
            double sustained = complaints / (full.nanos() / 1e9 + drained.engine());
            double rate = fixedRate > 0 ? fixedRate : sustained / 2;
            System.out.printf("Intake at %.0f/s...%n", rate);
            Run atFixedRate = IntakeBenchmark.intake(settings, complaints, concurrency * 4, rate);
            IntakeBenchmark.secondsUntilOutboxIsEmpty(settings, Duration.ofMinutes(2));
            return new Round(full, sustained, atFixedRate);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** @param sustained complaints per second until the engine had every one of the full-speed run */
    private record Round(Run full, double sustained, Run atFixedRate) {

        void print(String name) {
            System.out.printf(Locale.ROOT, "%s: sustained %.1f/s%n", name, sustained);
            full.print("  full speed, as the API answers");
            atFixedRate.print("  at a fixed rate");
        }
    }

    /** An OTLP/HTTP endpoint that takes every export and answers 200, counting what it received. */
    private static final class Collector implements AutoCloseable {

        private final HttpServer server;
        private final AtomicLong exports = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        Collector() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                try (exchange; InputStream body = exchange.getRequestBody()) {
                    bytes.addAndGet(body.readAllBytes().length);
                    exports.incrementAndGet();
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
        }

        /** The complaint service's tracing on, exporting here as soon as a batch is ready (the default 5 s). */
        Map<String, String> environment() {
            return Map.of("QUARKUS_OTEL_SDK_DISABLED", "false",
                    "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                    "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                    "http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
