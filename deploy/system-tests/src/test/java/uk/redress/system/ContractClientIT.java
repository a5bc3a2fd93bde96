package uk.redress.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import uk.redress.local.SigningKey;

/**
 * The API as a council's case system meets it: through a Java client generated (openapi-generator, java, native) from
 * the OpenAPI document the complaint service's build stored and linted, and which the packaged service is checked here
 * to serve unchanged.
 */
class ContractClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStackProcess stack;

    @BeforeAll
    static void startTheComplaintService() {
        stack = LocalStackProcess.start(EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.ZEEBE, Part.COMPLAINT_SERVICE));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theServiceServesTheDocumentTheClientWasGeneratedFromAndTheBuildLinted() throws Exception {
        Path stored = stack.settings().home().resolve("complaint-service/target/openapi/openapi.json");
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
        ComplaintsApi complaints = new ComplaintsApi(clientFor("durham-crm", "case-system"));
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

    /** A client of the service with a token of Durham signed by the stack's own key, as a case system holds one. */
    private static ApiClient clientFor(String user, String role) {
        String token = SigningKey.of(stack.settings().dataDir()).mint(user, user, "durham", List.of(role),
                Duration.ofHours(1));
        ApiClient client = new ApiClient();
        client.updateBaseUri(address());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
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
