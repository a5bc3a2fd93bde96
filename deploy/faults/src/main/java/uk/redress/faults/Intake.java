package uk.redress.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends complaints as a case system does: spread over the complaint service's instances, each with its own
 * Idempotency-Key, and a request that gets no 201 (an instance gone, the database away) sent again with the same key,
 * to the next instance, until it is answered. Only a 201 counts: the suite then holds Redress to it.
 */
final class Intake {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    /** A complaint unanswered for this long is a failure of the suite's run, not a loss. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<URI> instances;
    private final Supplier<String> token;
    private final Map<String, Instant> answered = new ConcurrentHashMap<>();
    private final AtomicInteger retries = new AtomicInteger();

    Intake(List<String> complaintServices, Supplier<String> token) {
        this.instances = complaintServices.stream().map(base -> URI.create(base + "/api/v1/complaints")).toList();
        this.token = token;
    }

    /**
     * Sends complaints {@code first} to {@code first + count - 1}, received on {@code receivedOn}, {@code concurrency}
     * at a time, in the background; completes when each is answered 201, or fails with the first that was not.
     */
    CompletableFuture<Void> send(int first, int count, int concurrency, LocalDate receivedOn) {
        ExecutorService executor = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger(first);
        CompletableFuture<?>[] workers = new CompletableFuture<?>[concurrency];
        for (int worker = 0; worker < concurrency; worker++) {
            workers[worker] = CompletableFuture.runAsync(() -> {
                for (int n = next.getAndIncrement(); n < first + count; n = next.getAndIncrement()) {
                    try {
                        sendOne(n, receivedOn);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }
            }, executor);
        }
        return CompletableFuture.allOf(workers).whenComplete((done, failure) -> executor.shutdown());
    }

    private void sendOne(int n, LocalDate receivedOn) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        String body = """
                {"procedure": "durham-sendiass",
                 "complainant": {"name": "Fault Suite %d", "email": "fault.suite.%d@example.org"},
                 "summary": "Fault suite complaint %d",
                 "details": "Sent while a fault was injected.",
                 "receivedAt": "%s"}
                """.formatted(n, n, n, receivedOn);
        Instant giveUpAt = Instant.now().plus(GIVE_UP_AFTER);
        for (int attempt = 0; ; attempt++) {
            URI instance = instances.get((n + attempt) % instances.size());
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(instance)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .header("Authorization", "Bearer " + token.get())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    Matcher id = ID.matcher(response.body());
                    if (!id.find()) {
                        throw new IllegalStateException("a 201 without the complaint's id: " + response.body());
                    }
                    answered.put(id.group(1), Instant.now());
                    return;
                }
                if (response.statusCode() < 500) {
                    throw new IllegalStateException("complaint " + n + " was refused with " + response.statusCode()
                            + ": " + response.body());
                }
            } catch (java.io.IOException unanswered) {
                // The instance is gone or did not answer: the case system tries again, as below.
            }
            if (Instant.now().isAfter(giveUpAt)) {
                throw new IllegalStateException("complaint " + n + " got no 201 within " + GIVE_UP_AFTER);
            }
            retries.incrementAndGet();
            Thread.sleep(Math.min(2_000, 100L << Math.min(attempt, 4)));
        }
    }

    /** The complaints answered 201 so far, by id. */
    Map<String, Instant> answered() {
        return answered;
    }

    int retries() {
        return retries.get();
    }
}
