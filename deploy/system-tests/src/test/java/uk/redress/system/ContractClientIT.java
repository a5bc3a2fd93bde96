package uk.redress.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.redress.client.ApiClient;
import uk.redress.client.ApiException;
import uk.redress.client.ApiResponse;
import uk.redress.client.api.ComplaintsApi;
import uk.redress.client.model.Acknowledgement;
import uk.redress.client.model.Complaint;
import uk.redress.client.model.ComplaintList;
import uk.redress.client.model.ComplaintListItem;
import uk.redress.client.model.ComplaintStatus;
import uk.redress.client.model.ComplainantDetails;
import uk.redress.client.model.NewComplaint;
import uk.redress.client.model.Problem;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.Port;
import uk.redress.local.StackSettings;

/**
 * The API as a council's case system first meets it. On a machine that has never built Redress (a copy of the
 * repository as a clean clone has it, and a local Maven repository without Redress's own artifacts), the README's two
 * commands: {@code deploy/local/token}, which builds what it needs, and {@code deploy/local/run}, which builds the
 * rest and starts the whole stack. Then a Java client generated (openapi-generator, java, native) from the OpenAPI
 * document the complaint service's build stored and linted takes a complaint through, with the token the script
 * printed; and the packaged service is checked to serve that document unchanged.
 */
class ContractClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The repository this build runs in, whose stored OpenAPI document the client was generated from. */
    private static final Path HOME = Path.of(System.getProperty(LocalStackProcess.HOME_PROPERTY));
    private static final Duration TOKEN_BUILT_WITHIN = Duration.ofMinutes(5);

    @TempDir
    static Path machine;
    private static FreshMachine fresh;
    private static LocalStackProcess stack;
    private static String caseSystemToken;

    @BeforeAll
    static void startRedressFromAFreshCloneAsTheReadmeSays() throws Exception {
        fresh = FreshMachine.copying(HOME, machine);
        StackSettings settings = LocalStackProcess.onFreePorts(EnumSet.allOf(Part.class)).withHome(fresh.home());

        // Asked for a token before the stack has started, the command builds itself and says what to do.
        TokenCommandRun early = token(settings);
        assertThat(early.errors()).as("deploy/local/token's output, with its build's").contains(
                "no local stack keeps its data in " + settings.dataDir(), "start the stack first");
        assertThat(early.exitCode()).isEqualTo(64);

        stack = LocalStackProcess.startWithRunScript(settings, fresh.environment());
        TokenCommandRun issued = token(settings);
        assertThat(issued.exitCode()).as("deploy/local/token: " + issued.errors()).isZero();
        caseSystemToken = issued.output().strip();
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theServiceServesTheDocumentTheClientWasGeneratedFromAndTheBuildLinted() throws Exception {
        Path stored = HOME.resolve("complaint-service/target/openapi/openapi.json");
        HttpResponse<String> served = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(address() + "/q/openapi?format=json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);

        JsonNode expected = JSON.readTree(Files.readString(stored));
        JsonNode actual = JSON.readTree(served.body());
        assertThat(firstDifference("", expected, actual))
                .as("the first place where the served document differs from " + stored)
                .isEmpty();
    }

    @Test
    void aCaseSystemTakesAComplaintThroughTheGeneratedClient() throws Exception {
        ComplaintsApi complaints = new ComplaintsApi(caseSystemClient());
        LocalDate receivedOn = stack.today();

        ApiResponse<Complaint> created = complaints.receiveComplaintWithHttpInfo(new NewComplaint()
                        .procedure("durham-sendiass")
                        .complainant(new ComplainantDetails().name("Robin Ellis").email("robin.ellis@example.org"))
                        .summary("No date for the EHC needs assessment")
                        .details("We asked on 2 November and have heard nothing.")
                        .receivedAt(receivedOn),
                "contract-client-" + UUID.randomUUID(), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(etag(created)).isEqualTo("\"1\"");
        Complaint complaint = created.getData();
        assertThat(complaint.getStatus()).isEqualTo(ComplaintStatus.OPEN);
        assertThat(complaint.getReceivedAt()).isEqualTo(receivedOn);
        // Dates arrive as dates: the document describes them inline as string/date, which the client maps to LocalDate.
        assertThat(complaint.getDeadlines())
                .anySatisfy(deadline -> {
                    assertThat(deadline.getClock()).isEqualTo("stage1Acknowledgement");
                    assertThat(deadline.getDueDate()).isAfter(receivedOn);
                });

        ApiResponse<Complaint> read = complaints.getComplaintWithHttpInfo(complaint.getId());
        assertThat(etag(read)).isEqualTo("\"1\"");

        ApiResponse<Complaint> acknowledged = complaints.acknowledgeComplaintWithHttpInfo(complaint.getId(),
                new Acknowledgement().letter("Dear Robin Ellis, we received your complaint and will answer by ..."),
                etag(read), null);
        assertThat(acknowledged.getStatusCode()).isEqualTo(200);
        assertThat(etag(acknowledged)).isEqualTo("\"2\"");
        assertThat(acknowledged.getData().getVersion()).isEqualTo(2);

        // The same acknowledgement sent again on what was read before it: refused, as the document says, and nothing
        // recorded.
        ApiException stale = catchThrowableOfType(ApiException.class,
                () -> complaints.acknowledgeComplaint(complaint.getId(),
                        new Acknowledgement().letter("Dear Robin Ellis, again"), etag(read), null));
        assertThat(stale.getCode()).isEqualTo(412);
        assertThat(stale.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        Problem problem = JSON.readValue(stale.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(412);
        assertThat(problem.getType()).endsWith("/stale-version");
        assertThat(complaints.getComplaint(complaint.getId()).getVersion()).isEqualTo(2);

        ComplaintList listed = complaints.listComplaints(null, 10, null, "durham-sendiass", complaint.getReference(),
                receivedOn, receivedOn, null, "OPEN");
        assertThat(listed.getItems()).extracting(ComplaintListItem::getId).containsExactly(complaint.getId());
        assertThat(listed.getItems().getFirst().getVersion()).isEqualTo(2);
        assertThat(listed.getItems().getFirst().getReceivedAt()).isEqualTo(receivedOn);
    }

    /** A client of the service with the case system's token, as a case system holds one. */
    private static ApiClient caseSystemClient() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(address());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + caseSystemToken));
        return client;
    }

    /** The fresh copy's {@code deploy/local/token} for Durham's case system, as the README runs it. */
    private static TokenCommandRun token(StackSettings settings) throws IOException, InterruptedException {
        Path output = Files.createTempFile(machine, "token-", ".out");
        Path errors = Files.createTempFile(machine, "token-", ".err");
        ProcessBuilder command = new ProcessBuilder(fresh.home().resolve("deploy/local/token").toString(),
                "--user", "durham-crm", "--org", "durham", "--role", "case-system",
                "--data-dir", settings.dataDir().toString())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile());
        command.environment().putAll(fresh.environment());
        Process process = command.start();
        process.getOutputStream().close();
        if (!process.waitFor(TOKEN_BUILT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("deploy/local/token did not finish within " + TOKEN_BUILT_WITHIN
                    + "; its output so far:\n" + Files.readString(errors));
        }
        return new TokenCommandRun(process.exitValue(), Files.readString(output), Files.readString(errors));
    }

    private record TokenCommandRun(int exitCode, String output, String errors) {
    }

    private static String address() {
        return stack.settings().httpAddress(Port.COMPLAINT_SERVICE);
    }

    private static String etag(ApiResponse<?> response) {
        return response.getHeaders().get("ETag").getFirst();
    }

    /** The JSON pointer of the first place where two documents differ, or empty where they are equal. */
    private static Optional<String> firstDifference(String at, JsonNode expected, JsonNode actual) {
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!actual.has(name)) {
                    return Optional.of(at + "/" + name + " is missing");
                }
                Optional<String> inside = firstDifference(at + "/" + name, expected.get(name), actual.get(name));
                if (inside.isPresent()) {
                    return inside;
                }
            }
            for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!expected.has(name)) {
                    return Optional.of(at + "/" + name + " is served but not stored");
                }
            }
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                Optional<String> inside = firstDifference(at + "/" + i, expected.get(i), actual.get(i));
                if (inside.isPresent()) {
                    return inside;
                }
            }
        }
        return Optional.of(at + ": stored " + abbreviated(expected) + ", served " + abbreviated(actual));
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
