package uk.redress.benchmark;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.crypto.SecretKey;
import org.postgresql.PGConnection;
import uk.redress.complaint.core.Acknowledged;
import uk.redress.complaint.core.Classification;
import uk.redress.complaint.core.Closed;
import uk.redress.complaint.core.Complainant;
import uk.redress.complaint.core.ComplaintEvent;
import uk.redress.complaint.core.ComplaintKind;
import uk.redress.complaint.core.ComplaintReceived;
import uk.redress.complaint.core.DeadlineExtended;
import uk.redress.complaint.core.Escalated;
import uk.redress.complaint.core.Responded;
import uk.redress.complaint.core.StageDecided;
import uk.redress.complaint.core.Withdrawn;
import uk.redress.complaint.eventstore.EventCodec;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.PersonalDataMasterKey;
import uk.redress.local.Port;
import uk.redress.local.SigningKey;
import uk.redress.local.StackSettings;
import uk.redress.workflow.calendar.Deadline;
import uk.redress.workflow.personaldata.PersonalDataCipher;

/**
 * The complaint list's rebuild against a bare read of the same events: loads {@code N} events straight into
 * {@code complaint_event} (about ten a complaint, written by the service's own {@link EventCodec} from real event
 * records), rebuilds the list once through the running service's endpoint to warm the service, then times a scan of
 * the table in replay order and a rebuild in turn, three rounds, and compares their medians; then the list queries at
 * that size, the reports' rebuild, and the year's handling report beside a bare count.
 *
 * <p>Run with {@code deploy/benchmark/run --rebuild-events 1000000}.
 */
final class RebuildBenchmark {

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final String REBUILD = "/api/v1/admin/projections/%s/rebuild";
    private static final String ANNUAL_REPORT = "/api/v1/reports/handling?from=2026-04-01&to=2027-03-31";
    private static final List<String> SERVICE_AREAS = List.of("EHC needs assessment", "EHC plan", "Annual review",
            "Transport", "SEN support in school");
    private static final List<String> THEMES = List.of("Delay", "Communication", "Decision", "Quality of provision");
    private static final int COPY_CHUNK = 50_000;
    /** Scans and rebuilds timed in turn after the first rebuild. */
    private static final int ROUNDS = 3;
    private static final String ORGANISATION = "durham";

    private final EventCodec codec = new EventCodec(JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build());

    private RebuildBenchmark() {
    }

    static void run(int events) throws Exception {
        new RebuildBenchmark().measure(events);
    }

    private void measure(int events) throws Exception {
        System.out.printf("Starting the local stack (PostgreSQL, Kafka, Zeebe, complaint-service)...%n");
        try (LocalStackProcess stack = LocalStackProcess.start(
                EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.ZEEBE, Part.COMPLAINT_SERVICE))) {
            StackSettings settings = stack.settings();
            String url = "jdbc:postgresql://127.0.0.1:" + settings.port(Port.POSTGRES) + "/redress";
            PersonalDataCipher cipher = PersonalDataCipher.withMasterKeyFile(
                    PersonalDataMasterKey.of(settings.dataDir()));
            SigningKey tokens = SigningKey.of(settings.dataDir());
            String admin = tokens.mint("benchmark-admin", "Benchmark admin", ORGANISATION, List.of("admin"),
                    Duration.ofHours(4));
            String officer = tokens.mint("benchmark-officer", "Benchmark officer", ORGANISATION,
                    List.of("complaints-officer"), Duration.ofHours(4));
            try (Connection connection = DriverManager.getConnection(url, "redress", "redress")) {
                System.out.printf("Loading %,d events into complaint_event with COPY, personal fields sealed with "
                        + "a key per complainant...%n", events);
                long loadStart = System.nanoTime();
                long loaded = load(connection, events, cipher);
                System.out.printf(Locale.ROOT, "Loaded %,d events in %.1f s; VACUUM ANALYZE...%n", loaded,
                        (System.nanoTime() - loadStart) / 1e9);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("VACUUM ANALYZE complaint_event");
                }
                // A service that has run for a while has compiled its decoding and folding; one just started has not.
                // The first rebuild warms it, and those after it are the ones compared.
                System.out.printf("First rebuild through %s, to warm the service (progress in %s)...%n",
                        REBUILD.formatted("complaint-summary"), settings.dataDir().resolve("logs"));
                Timed first = rebuild(settings, admin, "complaint-summary");
                // Rebuilds on one stack vary by a tenth either way, so the scan and the rebuild are timed in turn,
                // ROUNDS times, and their medians compared.
                List<Timed> scans = new ArrayList<>();
                List<Timed> rebuilds = new ArrayList<>();
                for (int round = 1; round <= ROUNDS; round++) {
                    System.out.printf("Round %d of %d: a bare scan (SELECT payload ... ORDER BY stream_id, version "
                            + "through a cursor), then the rebuild again...%n", round, ROUNDS);
                    scans.add(scan(connection));
                    rebuilds.add(rebuild(settings, admin, "complaint-summary"));
                }
                long listed = count(connection, "SELECT count(*) FROM complaint_summary");

                System.out.printf("%n%-52s %12s %10s %14s%n", "", "events", "seconds", "events/second");
                first.print("first rebuild, the service just started");
                for (int round = 0; round < ROUNDS; round++) {
                    scans.get(round).print("round " + (round + 1) + ": bare scan of complaint_event");
                    rebuilds.get(round).print("round " + (round + 1) + ": rebuild of complaint_summary");
                }
                Timed scan = middle(scans);
                Timed rebuild = middle(rebuilds);
                scan.print("median: bare scan (payload, in order)");
                rebuild.print("median: rebuild (read, fold, upsert)");
                System.out.printf(Locale.ROOT, "%nThe rebuild ran at %.0f%% of the bare scan's rate (%.1f times slower), "
                                + "medians of %d rounds (each round's: %s); complaint_summary holds %,d complaints.%n",
                        100 * rebuild.perSecond() / scan.perSecond(), scan.perSecond() / rebuild.perSecond(), ROUNDS,
                        String.join(", ", IntStream.range(0, ROUNDS).mapToObj(round -> "%.0f%%"
                                .formatted(100 * rebuilds.get(round).perSecond() / scans.get(round).perSecond()))
                                .toList()), listed);
                listQueries(settings, officer);
                reports(settings, connection, admin, officer);
            }
        }
    }

    /** About ten events a complaint, each complaint's in order, as COPY csv, a chunk per round trip. */
    private long load(Connection connection, int events, PersonalDataCipher cipher)
            throws SQLException, IOException {
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        long written = 0;
        int complaint = 0;
        while (written < events) {
            StringBuilder chunk = new StringBuilder(COPY_CHUNK * 900);
            StringBuilder keys = new StringBuilder();
            int inChunk = 0;
            while (inChunk < COPY_CHUNK && written + inChunk < events) {
                UUID complainantId = UUID.randomUUID();
                String wrappedKey = cipher.newWrappedKey(complainantId);
                Optional<SecretKey> key = Optional.of(cipher.unwrap(wrappedKey, complainantId));
                keys.append(complainantId).append(',').append(ORGANISATION).append(',').append(wrappedKey)
                        .append(",2026-01-05T09:00:00Z\n");
                List<ComplaintEvent> history = history(complaint++, complainantId);
                UUID streamId = UUID.randomUUID();
                Instant at = Instant.parse("2026-01-05T09:00:00Z").plus(Duration.ofMinutes(complaint));
                for (int version = 1; version <= history.size() && written + inChunk < events; version++) {
                    ComplaintEvent event = history.get(version - 1);
                    chunk.append(streamId).append(',').append(version).append(',').append(UUID.randomUUID())
                            .append(',').append(event.type()).append(',')
                            .append(csv(codec.toStoredJson(event, complainantId, key)))
                            .append(',').append(at.plus(Duration.ofHours(version))).append(",benchmark,")
                            .append(UUID.randomUUID()).append(",,").append(complainantId).append('\n');
                    inChunk++;
                }
            }
            copy.copyIn("COPY personal_data_key (complainant_id, organisation, wrapped_key, created_at) FROM STDIN "
                    + "(FORMAT csv)", new StringReader(keys.toString()));
            written += copy.copyIn("COPY complaint_event (stream_id, version, event_id, event_type, payload, "
                            + "occurred_at, recorded_by, correlation_id, causation_id, complainant_id) FROM STDIN "
                            + "(FORMAT csv)",
                    new StringReader(chunk.toString()));
            if (written % 200_000 < COPY_CHUNK) {
                System.out.printf("  %,d events%n", written);
            }
        }
        return written;
    }

    private static String csv(String json) {
        return '"' + json.replace("\"", "\"\"") + '"';
    }

    /**
     * A Durham complaint taken through both stages with extensions: ten events, as the service records them. One in
     * ten is withdrawn part way, so the histories differ in length and end.
     */
    private static List<ComplaintEvent> history(int n, UUID complainantId) {
        LocalDate received = LocalDate.of(2026, 1, 5).plusDays(n % 300);
        Complainant complainant = new Complainant("Parent " + n, "parent" + n + "@example.org");
        ComplaintReceived receivedEvent = new ComplaintReceived("SEND-2026-%06d".formatted(n), "durham-sendiass",
                ComplaintKind.COMPLAINT, complainant, "No reply to our request for an EHC needs assessment (" + n + ")",
                "We asked on 1 October and have heard nothing since. The school says the council has the papers; "
                        + "the council says the school has not sent them. Our son has been out of school for "
                        + "six weeks.",
                received, Optional.empty(), Optional.empty(), false, Optional.of("stage-1"),
                Map.of("stage1Acknowledgement", deadline(received.plusDays(3)),
                        "stage1Response", deadline(received.plusDays(28))), Optional.empty(), ORGANISATION, List.of(),
                complainantId, new Classification(Optional.of(SERVICE_AREAS.get(n % SERVICE_AREAS.size())),
                        List.of(THEMES.get(n % THEMES.size())), Optional.empty(), Optional.empty()), Optional.empty(), Optional.empty());
        List<ComplaintEvent> events = new ArrayList<>(List.of(
                receivedEvent,
                new Acknowledged("stage-1", "Dear parent, we received your complaint on " + received
                        + " and will answer by the date below.", List.of("stage1Acknowledgement"), Map.of()),
                new DeadlineExtended("stage1Response", received.plusDays(28), deadline(received.plusDays(42)),
                        "The school's records are needed and arrive next week", null),
                new Responded("stage-1", "respond", Responded.Outcome.PARTLY_UPHELD,
                        List.of(Responded.Remedy.APOLOGY, Responded.Remedy.PRACTICAL_ACTION),
                        "We are sorry the request was not passed on; the assessment panel meets on Monday.",
                        List.of("stage1Response"), Optional.of(deadline(received.plusDays(70))), Optional.empty()),
                new Escalated("stage-1", "stage-2", "The panel did not meet.", "A date for the assessment",
                        Map.of("stage2Acknowledgement", deadline(received.plusDays(50)),
                                "stage2Response", deadline(received.plusDays(75))), Optional.empty()),
                new Acknowledged("stage-2", "We received your request for a stage 2 review.",
                        List.of("stage2Acknowledgement"), Map.of()),
                new StageDecided("stage-2", "decide", "investigation", List.of(), Map.of()),
                new DeadlineExtended("stage2Response", received.plusDays(75), deadline(received.plusDays(85)),
                        "The investigating officer is waiting for the school's notes", null),
                new DeadlineExtended("stage2Response", received.plusDays(85), deadline(received.plusDays(90)),
                        "The notes arrived late", null),
                new Responded("stage-2", "respond", Responded.Outcome.UPHELD,
                        List.of(Responded.Remedy.APOLOGY, Responded.Remedy.CHANGE),
                        "We uphold your complaint; this is the council's final word.", List.of("stage2Response"),
                        Optional.empty(), Optional.empty()),
                new Closed(Closed.FINAL_RESPONSE)));
        if (n % 10 == 9) {
            return List.of(events.get(0), events.get(1), events.get(2), new Withdrawn("Resolved with the school"));
        }
        return events;
    }

    private static Deadline deadline(LocalDate dueDate) {
        return new Deadline(dueDate, dueDate.plusDays(1).atStartOfDay(UK).toInstant());
    }

    private static Timed scan(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        long rows = 0;
        long bytes = 0;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(5_000);
            try (ResultSet result = statement.executeQuery(
                    "SELECT payload::text FROM complaint_event ORDER BY stream_id, version")) {
                while (result.next()) {
                    bytes += result.getString(1).length();
                    rows++;
                }
            }
        } finally {
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
        System.out.printf(Locale.ROOT, "  %,d payloads, %,d MB%n", rows, bytes / 1_000_000);
        return new Timed(rows, System.nanoTime() - start);
    }

    private static final Pattern APPLIED = Pattern.compile("\"eventsApplied\"\\s*:\\s*(\\d+)");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"(\\w+)\"");

    /** POSTs the rebuild and polls its status until it is no longer running. */
    private static Timed rebuild(StackSettings settings, String token, String projection) throws Exception {
        URI uri = URI.create(settings.httpAddress(Port.COMPLAINT_SERVICE) + REBUILD.formatted(projection));
        try (HttpClient http = HttpClient.newHttpClient()) {
            // The service fills the list once when it first starts: wait for that to finish before timing ours.
            awaitNotRunning(http, uri, token);
            long start = System.nanoTime();
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer "
                    + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException("the rebuild was not started: " + started.statusCode() + " "
                        + started.body());
            }
            String status = awaitNotRunning(http, uri, token);
            long nanos = System.nanoTime() - start;
            if (!"done".equals(match(STATE, status))) {
                throw new IllegalStateException("the rebuild did not finish: " + status);
            }
            return new Timed(Long.parseLong(match(APPLIED, status)), nanos);
        }
    }

    /**
     * The reports' read model rebuilt from the same events, then the year's handling report through the API beside a
     * bare count of the complaints it counts, each timed over 20 runs after 5 to warm up.
     */
    private static void reports(StackSettings settings, Connection connection, String admin, String officer)
            throws Exception {
        System.out.printf("%nRebuild of the reports' read model through %s...%n", REBUILD.formatted("reports"));
        rebuild(settings, admin, "reports").print("rebuild of report_complaint, report_stage");
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE report_complaint");
            statement.execute("VACUUM ANALYZE report_stage");
        }
        System.out.printf("report_complaint holds %,d complaints, report_stage %,d stages%n",
                count(connection, "SELECT count(*) FROM report_complaint"),
                count(connection, "SELECT count(*) FROM report_stage"));
        List<Long> bare = new ArrayList<>();
        for (int run = 0; run < 25; run++) {
            long start = System.nanoTime();
            count(connection, "SELECT count(*) FROM report_complaint WHERE organisation = '" + ORGANISATION
                    + "' AND received_on <= '2027-03-31'");
            if (run >= 5) {
                bare.add(System.nanoTime() - start);
            }
        }
        String service = settings.httpAddress(Port.COMPLAINT_SERVICE);
        // Beside it, the smallest call of the same API (its token checked, the clock read, one query).
        List<Long> report = timedGets(URI.create(service + ANNUAL_REPORT), officer);
        List<Long> small = timedGets(URI.create(service + "/api/v1/reports/improvements"), officer);
        System.out.printf("%n%-60s %8s %8s%n", "", "p50 ms", "p95 ms");
        printLatency("bare SQL count(*) of the organisation's complaints", bare);
        printLatency("GET " + ANNUAL_REPORT, report);
        printLatency("GET /api/v1/reports/improvements (none here)", small);
        System.out.printf(Locale.ROOT, "The report took %.1f times the bare count (p50).%n",
                (double) median(report) / median(bare));
    }

    /** Twenty timed GETs after five to warm up; the size of the last answer printed. */
    private static List<Long> timedGets(URI uri, String token) throws Exception {
        List<Long> nanos = new ArrayList<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int run = 0; run < 25; run++) {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(uri + " answered " + response.statusCode());
                }
                if (run >= 5) {
                    nanos.add(System.nanoTime() - start);
                }
                if (run == 24) {
                    System.out.printf("%s answered %,d characters%n", uri.getPath(), response.body().length());
                }
            }
        }
        return nanos;
    }

    private static void printLatency(String name, List<Long> nanos) {
        nanos.sort(null);
        System.out.printf(Locale.ROOT, "%-60s %8.1f %8.1f%n", name, median(nanos) / 1e6,
                nanos.get((int) Math.ceil(0.95 * nanos.size()) - 1) / 1e6);
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Each list query through the API, a page of 50, timed over 20 runs after 5 to warm up. */
    private static void listQueries(StackSettings settings, String token) throws Exception {
        String base = settings.httpAddress(Port.COMPLAINT_SERVICE) + "/api/v1/complaints?limit=50";
        try (HttpClient http = HttpClient.newHttpClient()) {
            String firstPage = http.send(HttpRequest.newBuilder(URI.create(base)).header("Authorization",
                            "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String cursor = match(Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\""), firstPage);
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("first page", "");
            queries.put("the page after a cursor", "&cursor=" + cursor);
            queries.put("status=WITHDRAWN", "&status=WITHDRAWN");
            queries.put("procedure and stage=stage-2", "&procedure=durham-sendiass&stage=stage-2");
            queries.put("overdue=true", "&overdue=true");
            queries.put("received in one week", "&receivedFrom=2026-03-02&receivedTo=2026-03-08");
            queries.put("q: one complaint's summary text", "&q=(54321)");
            queries.put("q: a reference", "&q=send-2026-012345");
            System.out.printf("%n%-52s %8s %8s%n", "GET /api/v1/complaints?limit=50 ...", "p50 ms",
                    "p95 ms");
            for (var query : queries.entrySet()) {
                URI uri = URI.create(base + query.getValue());
                List<Long> nanos = new ArrayList<>();
                for (int run = 0; run < 25; run++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                                    .header("Authorization", "Bearer " + token).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(uri + " answered " + response.statusCode());
                    }
                    if (run >= 5) {
                        nanos.add(System.nanoTime() - start);
                    }
                }
                nanos.sort(null);
                System.out.printf(Locale.ROOT, "%-52s %8.1f %8.1f%n", query.getKey(), nanos.get(nanos.size() / 2) / 1e6,
                        nanos.get((int) Math.ceil(0.95 * nanos.size()) - 1) / 1e6);
            }
        }
    }

    /** The rebuild's status once none runs: empty when none was ever started (the service's first fill failed). */
    private static String awaitNotRunning(HttpClient http, URI uri, String token) throws Exception {
        while (true) {
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (status.statusCode() == 404) {
                return "";
            }
            if (status.statusCode() != 200) {
                throw new IllegalStateException("the rebuild's status answered " + status.statusCode() + " "
                        + status.body());
            }
            if (!"running".equals(match(STATE, status.body()))) {
                return status.body();
            }
            Thread.sleep(Duration.ofMillis(100));
        }
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The middle one by time. */
    private static Timed middle(List<Timed> timed) {
        return timed.stream().sorted(Comparator.comparingLong(Timed::nanos)).toList().get(timed.size() / 2);
    }

    private record Timed(long events, long nanos) {

        double perSecond() {
            return events / (nanos / 1e9);
        }

        void print(String name) {
            System.out.printf(Locale.ROOT, "%-52s %,12d %10.1f %,14.0f%n", name, events, nanos / 1e9, perSecond());
        }
    }
}
