package uk.redress.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stack program itself, started the way the tests of every module start it. */
class LocalStackProcessTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theEngineClockStartsWhereToldMovesForwardOnRequestAndRefusesNonsense() throws Exception {
        // Half past midnight UK time on the Sunday the clocks go forward.
        Instant start = Instant.parse("2027-03-28T00:30:00Z");
        StackSettings settings = LocalStackProcess.onFreePorts(EnumSet.of(Part.ZEEBE)).withClockStart(start);
        try (LocalStackProcess stack = LocalStackProcess.start(settings)) {
            assertThat(stack.now()).isBetween(start, start.plusSeconds(120));
            assertThat(stack.today()).isEqualTo(LocalDate.parse("2027-03-28"));

            Instant after = stack.moveClockForward(Duration.ofDays(4));
            assertThat(after).isAfterOrEqualTo(start.plus(Duration.ofDays(4)));
            assertThat(stack.today()).isEqualTo(LocalDate.parse("2027-04-01"));

            String clock = stack.settings().httpAddress(Port.ENGINE_HTTP) + "/clock";
            HttpResponse<String> nonsense = post(clock + "/add?duration=four-days");
            assertThat(nonsense.statusCode()).isEqualTo(400);
            assertThat(nonsense.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(nonsense.body()).contains("ISO 8601 duration");

            assertThat(post(clock + "/add?duration=-P1D").statusCode()).isEqualTo(400);
            assertThat(stack.now()).isBefore(after.plusSeconds(120));
        }
    }

    @Test
    void theServicesReadTheEngineClockFromItsFileMovedAtOnceAndStillAfterTheEngineRestarts() throws Exception {
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        StackSettings settings = LocalStackProcess.onFreePorts(EnumSet.of(Part.ZEEBE)).withClockStart(start);
        try (LocalStackProcess stack = LocalStackProcess.start(settings)) {
            ServiceClock service = ServiceClock.of(settings);
            assertThat(service.now()).isCloseTo(stack.now(), within(1, ChronoUnit.SECONDS));

            Instant moved = stack.moveClockForward(Duration.ofDays(9));
            assertThat(service.now()).as("as soon as the move is answered").isAfterOrEqualTo(moved);
            assertThat(service.now()).isCloseTo(stack.now(), within(1, ChronoUnit.SECONDS));

            stack.stop(Part.ZEEBE);
            stack.start(Part.ZEEBE);
            Instant movedAgain = stack.moveClockForward(Duration.ofHours(5));
            assertThat(service.now()).as("the file a service mapped before the restart")
                    .isAfterOrEqualTo(movedAgain).isCloseTo(stack.now(), within(1, ChronoUnit.SECONDS));
        }
    }

    /** "Now" as a service of the stack reads it: the file it is configured with, mapped into memory. */
    private record ServiceClock(MappedByteBuffer offset) {

        static ServiceClock of(StackSettings settings) throws IOException {
            Path file = Path.of(ServiceConfiguration.connections(Part.COMPLAINT_SERVICE, settings)
                    .get("redress.clock.engine-clock-file"));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                return new ServiceClock(channel.map(FileChannel.MapMode.READ_ONLY, 0, Long.BYTES));
            }
        }

        Instant now() {
            return Instant.now().plusNanos(offset.getLong(0));
        }
    }

    @Test
    void aPartStoppedAndStartedAgainComesBackOnItsDataTheEngineEmptyWithItsClockGoingOn() throws Exception {
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        StackSettings settings = LocalStackProcess.onFreePorts(EnumSet.of(Part.ZEEBE, Part.MAIL))
                .withClockStart(start);
        try (LocalStackProcess stack = LocalStackProcess.start(settings)) {
            Instant moved = stack.moveClockForward(Duration.ofDays(3));
            stack.stop(Part.ZEEBE);
            stack.start(Part.ZEEBE);
            assertThat(stack.now()).as("the clock goes on where it was").isBetween(moved, moved.plusSeconds(120));

            stack.stop(Part.MAIL);
            assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", settings.port(Port.SMTP)).close())
                    .as("SMTP refuses while stopped").isInstanceOf(IOException.class);
            stack.start(Part.MAIL);
            new java.net.Socket("127.0.0.1", settings.port(Port.SMTP)).close();

            assertThatThrownBy(() -> stack.stop(Part.KAFKA)).hasMessageContaining("kafka does not run in this stack");
            assertThatThrownBy(() -> stack.stop(Part.COMPLAINT_SERVICE))
                    .hasMessageContaining("'start complaint-service INSTANCE'");
        }
    }

    @Test
    void aTakenPortIsNamedAndNothingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "taken-port-");
            Map<Port, Integer> ports = StackSettings.defaultPorts();
            ports.put(Port.SMTP, taken.getLocalPort());
            int mailbox = FreePorts.one();
            ports.put(Port.MAILBOX, mailbox);
            StackSettings settings = new StackSettings(Path.of(System.getProperty(LocalStackProcess.HOME_PROPERTY)),
                    dataDir, EnumSet.of(Part.MAIL), ports, Optional.empty(), 1, true);

            assertThatThrownBy(() -> LocalStackProcess.start(settings))
                    .hasMessageContaining("failed to start")
                    .hasMessageContaining("Port " + taken.getLocalPort() + " for SMTP is already in use")
                    .hasMessageContaining("--smtp-port")
                    .hasMessageContaining("Nothing was started.");
            try (ServerSocket stillFree = new ServerSocket(mailbox, 1, InetAddress.getLoopbackAddress())) {
                assertThat(stillFree.isBound()).as("the mailbox port was never taken").isTrue();
            }
        }
    }

    @Test
    void aPartThatCannotStartFailsTheStartWithTheStacksReasonFirst() throws IOException {
        StackSettings settings = LocalStackProcess.onFreePorts(EnumSet.of(Part.POSTGRES, Part.MAIL));
        Path postgresData = settings.dataDir().resolve("postgres");
        Files.writeString(postgresData, "a file where PostgreSQL's data folder goes");

        assertThatThrownBy(() -> LocalStackProcess.start(settings))
                .message().startsWith("the local stack failed to start (The local stack could not start: ")
                .contains(postgresData.toString())
                .contains("  SMTP server up in");
    }

    private HttpResponse<String> post(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
