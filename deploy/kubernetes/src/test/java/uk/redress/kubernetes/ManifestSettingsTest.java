package uk.redress.kubernetes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.Port;
import uk.redress.local.ServiceConfiguration;
import uk.redress.local.SigningKey;
import uk.redress.workflow.settings.DeploymentSettings;

/**
 * The packaged services started with exactly the environment the Durham overlay gives their containers, with only
 * what points at the council's servers replaced by the local stack's: they start, take a complaint through the API,
 * and email its lapse to the overlay's recipients with a link to the overlay's tasklist. So every setting a service
 * needs is in the manifests, under the name the service reads. And a setting missing, or production given the local
 * stack's values, stops the start with a message naming each variable.
 *
 * <p>With {@code -Dredress.images=true} the services run from their container images instead of the packaged jars
 * (podman, on the host's network; build them first with {@code deploy/images/build}).
 */
class ManifestSettingsTest {

    private static final Path HOME = Path.of(System.getProperty("redress.home", "../.."));
    private static final boolean FROM_IMAGES = Boolean.getBoolean("redress.images");
    /**
     * Settings of the local stack's own, which no deployment gives (production refuses them): the engine's clock as the
     * services', so that a complaint's dates come from the stack's clock, and the tasklist's local sign-in.
     */
    private static final Set<String> LOCAL_STACK_ONLY =
            Set.of("REDRESS_CLOCK_ENGINE_CLOCK_FILE", "REDRESS_SIGN_IN_LOCAL_KEY_LOCATION");
    /**
     * What the local stack has none of: TLS to the database and Kafka, SASL, OAuth to the engine, STARTTLS and a login
     * to the mail relay. Each is named in the manifests and dropped here.
     */
    private static final List<String> NOT_ON_THE_LOCAL_STACK = List.of("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_",
            "QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM", "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_",
            "KAFKA_SSL_", "REDRESS_ZEEBE_OAUTH_", "QUARKUS_MAILER_START_TLS", "QUARKUS_MAILER_LOGIN",
            "QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD");

    private static LocalStackProcess stack;
    private static List<JsonNode> durham;
    private final List<Process> started = new ArrayList<>();
    private final Map<Process, Path> logs = new LinkedHashMap<>();

    @BeforeAll
    static void startTheServersTheServicesUse() throws Exception {
        durham = Kustomize.render(Kustomize.KUBERNETES.resolve("overlays/durham"));
        stack = LocalStackProcess.start(EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.ZEEBE, Part.MAIL));
    }

    @AfterAll
    static void stopThem() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void stopTheServices() throws InterruptedException {
        for (Process service : started) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void theOverlaysSettingsStartBothServicesAndTakeAComplaintToItsLapseEmail() throws Exception {
        String complaintService = "http://127.0.0.1:" + start(Part.COMPLAINT_SERVICE,
                onTheLocalStack(Part.COMPLAINT_SERVICE));
        String notificationService = "http://127.0.0.1:" + start(Part.NOTIFICATION_SERVICE,
                onTheLocalStack(Part.NOTIFICATION_SERVICE));
        awaitReady(complaintService, started.get(0));
        awaitReady(notificationService, started.get(1));

        ExtractableResponse<Response> created = given().auth().oauth2(officersToken()).contentType(ContentType.JSON)
                .body("""
                        {"procedure": "durham-sendiass",
                         "complainant": {"name": "Sam Okafor", "email": "sam.okafor@example.org"},
                         "summary": "Transport to school stopped without notice",
                         "details": "The taxi did not come on 2 and 3 March and nobody told us why.",
                         "receivedAt": "%s"}
                        """.formatted(stack.today()))
                .when().post(complaintService + "/api/v1/complaints")
                .then().log().ifValidationFails().statusCode(201).extract();
        String id = created.path("id");
        Instant lapsesAt = Instant.parse(
                created.path("deadlines.find { it.clock == 'stage1Acknowledgement' }.lapsesAt"));
        stack.moveClockForward(Duration.between(stack.now(), lapsesAt.plusSeconds(60)));

        await().atMost(Duration.ofSeconds(60)).until(() -> !mailsAbout(id).isEmpty());
        Map<String, Object> mail = mailsAbout(id).getFirst();
        assertThat(mail.get("to")).as("the overlay's REDRESS_NOTIFICATIONS_DIRECTORY_COORDINATOR: stage 1's handler")
                .asInstanceOf(LIST).containsExactly("sendiass-coordinator@durham.gov.uk.example");
        assertThat((String) mail.get("body")).as("the overlay's REDRESS_NOTIFICATIONS_TASKLIST_ADDRESS")
                .contains("https://complaints.durham.gov.uk.example/tasklist/complaints/" + id);
        // Awaited: the sent-log lists a complaint to its organisation's staff once the notification service has read
        // the receipt that says whose it is, which comes through Kafka in its own time (the email may go out first).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(officersToken())
                .queryParam("complaintId", id)
                .when().get(notificationService + "/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath().<Object>getList("notifications"))
                .as("the lapse email in the notification service's sent-log").isNotEmpty());
    }

    @Test
    void aSettingTheDeploymentLeftOutStopsTheStartNamingIt() throws Exception {
        Map<String, String> environment = onTheLocalStack(Part.NOTIFICATION_SERVICE);
        environment.remove("QUARKUS_DATASOURCE_PASSWORD");
        environment.remove("QUARKUS_MAILER_HOST");
        start(Part.NOTIFICATION_SERVICE, environment);

        assertThat(exitsWithOutput(started.getFirst())).contains(
                "The notification service cannot start with the settings it was given (profile local)",
                "QUARKUS_DATASOURCE_PASSWORD is not set", "QUARKUS_MAILER_HOST is not set");
    }

    @Test
    void aBrokenPolicyFileInTheProceduresFolderStopsTheStartNamingItsLine() throws Exception {
        Path procedures = Files.createDirectories(stack.settings().dataDir().resolve("council-procedures"));
        Files.writeString(procedures.resolve("walsall-corporate.yaml"), """
                id: walsall-corporate
                name: Walsall corporate complaints procedure
                calendar: england-and-wales
                eligibility:
                  eventsWithinMonths: 12
                stages:
                  - id: stage-1
                    name: Stage 1 response
                    handledBy: caseworker
                    steps:
                      - {id: respond, name: Respond, meets: stage1Response}
                    clocks:
                      - {id: stage1Response, name: stage 1 response, startsAt: stage-start, workingDays: 0,
                         escalateEveryWorkingDays: 5}
                """);
        Map<String, String> environment = onTheLocalStack(Part.COMPLAINT_SERVICE);
        environment.put("REDRESS_PROCEDURES_DIRECTORY", procedures.toString());
        start(Part.COMPLAINT_SERVICE, environment);

        String output = exitsWithOutput(started.getFirst());
        assertThat(output).contains(procedures.resolve("walsall-corporate.yaml")
                + ":13: stages[0].clocks[0].workingDays: must be more than 0");
        assertThat(output).as("nothing migrated first").doesNotContain("Flyway", "flyway");
    }

    @Test
    void productionGivenTheLocalStacksValuesRefusesToStartNamingEach() throws Exception {
        Map<String, String> environment = onTheLocalStack(Part.COMPLAINT_SERVICE);
        environment.put("QUARKUS_PROFILE", DeploymentSettings.PRODUCTION_PROFILE);
        start(Part.COMPLAINT_SERVICE, environment);

        String output = exitsWithOutput(started.getFirst());
        assertThat(output).contains("The complaint service cannot start with the settings it was given (profile prod)",
                "QUARKUS_DATASOURCE_REACTIVE_URL is postgresql://127.0.0.1:", "KAFKA_BOOTSTRAP_SERVERS is 127.0.0.1:",
                "QUARKUS_DATASOURCE_PASSWORD is the local stack's password",
                "REDRESS_CLOCK_ENGINE_CLOCK_FILE is set: only the local stack has one");
        assertThat(output).as("nothing migrated or connected first").doesNotContain("Flyway", "flyway");
    }

    /**
     * The container's environment in the overlay, from its ConfigMaps and Secrets, with what points at the council's
     * servers replaced by the local stack's own configuration of the service, each of which the overlay must name (but
     * for the local stack's own settings, its clock and sign-in, which no overlay gives).
     */
    private static Map<String, String> onTheLocalStack(Part service) {
        Map<String, Optional<String>> manifest = containerEnvironment(service.id());
        Map<String, String> local = new LinkedHashMap<>();
        ServiceConfiguration.connections(service, stack.settings()).forEach((property, value) ->
                local.put(DeploymentSettings.environmentVariable(property), value));
        assertThat(manifest).as("the overlay's settings of the %s", service.id()).containsKeys(local.keySet().stream()
                .filter(variable -> !LOCAL_STACK_ONLY.contains(variable)).toArray(String[]::new));

        Map<String, String> environment = new LinkedHashMap<>();
        manifest.forEach((variable, value) -> {
            if (NOT_ON_THE_LOCAL_STACK.stream().noneMatch(variable::startsWith) && !local.containsKey(variable)) {
                environment.put(variable, value.orElseThrow(() -> new AssertionError(
                        variable + " comes from a Secret the local stack has no value for")));
            }
        });
        environment.putAll(local);
        // The one change besides the addresses: production refuses the local stack's, and this is where it runs.
        assertThat(environment).containsEntry("QUARKUS_PROFILE", DeploymentSettings.PRODUCTION_PROFILE);
        environment.put("QUARKUS_PROFILE", DeploymentSettings.LOCAL_PROFILE);
        return environment;
    }

    /** The container's variables: literal, from its ConfigMaps, or (empty) from a Secret. */
    private static Map<String, Optional<String>> containerEnvironment(String deploymentName) {
        JsonNode container = resource("Deployment", deploymentName).path("spec").path("template").path("spec")
                .path("containers").get(0);
        Map<String, Optional<String>> environment = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            assertThat(source.has("configMapRef")).as("envFrom of %s: %s", deploymentName, source).isTrue();
            resource("ConfigMap", source.path("configMapRef").path("name").asText()).path("data").properties()
                    .forEach(entry -> environment.put(entry.getKey(), Optional.of(entry.getValue().asText())));
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode from = variable.path("valueFrom");
            if (from.has("configMapKeyRef")) {
                environment.put(variable.path("name").asText(), Optional.of(resource("ConfigMap",
                        from.path("configMapKeyRef").path("name").asText()).path("data")
                        .path(from.path("configMapKeyRef").path("key").asText()).asText()));
            } else {
                environment.put(variable.path("name").asText(), from.isMissingNode()
                        ? Optional.of(variable.path("value").asText()) : Optional.empty());
            }
        }
        return environment;
    }

    private static JsonNode resource(String kind, String name) {
        return durham.stream().filter(resource -> resource.path("kind").asText().equals(kind)
                        && resource.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the overlay has no " + kind + " " + name));
    }

    /** Starts the packaged service with exactly {@code environment} and a free port; answers the port. */
    private int start(Part service, Map<String, String> environment) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> variables = new LinkedHashMap<>(environment);
        variables.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        variables.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Path log = stack.settings().dataDir().resolve(service.id() + "-" + port + ".log");
        ProcessBuilder launch = (FROM_IMAGES ? fromImage(service, variables) : fromJar(service, variables))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        started.add(launch.start());
        logs.put(started.getLast(), log);
        return port;
    }

    private static ProcessBuilder fromJar(Part service, Map<String, String> variables) {
        Path jar = HOME.resolve(service.id()).resolve("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged service (./mvnw package)").exists();
        ProcessBuilder launch = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-jar", jar.toString());
        launch.environment().clear();
        launch.environment().putAll(variables);
        return launch;
    }

    /**
     * The service's image on the host's network. The stack's files the settings name (the keys) are mounted where they
     * name them, as copies its user can read, as a Secret's files are mounted in a pod.
     */
    private static ProcessBuilder fromImage(Part service, Map<String, String> variables) throws IOException {
        List<String> command = new ArrayList<>(List.of("podman", "run", "--rm", "--network", "host"));
        Path copies = Files.createDirectories(stack.settings().dataDir().resolve("image-files"));
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            Path file = Path.of(variable.getValue().replaceFirst("^file://", ""));
            if (file.isAbsolute() && file.startsWith(stack.settings().dataDir()) && Files.isRegularFile(file)) {
                Path copy = copies.resolve(variable.getKey());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--r--r--"));
                command.addAll(List.of("--volume", copy + ":" + file + ":ro"));
            }
            command.addAll(List.of("--env", variable.getKey() + "=" + variable.getValue()));
        }
        command.add("ghcr.io/redress/" + service.id() + ":0.1.0");
        ProcessBuilder launch = new ProcessBuilder(command);
        launch.environment().put("CONTAINERS_CONF", HOME.resolve("deploy/images/containers.conf").toString());
        return launch;
    }

    private void awaitReady(String address, Process service) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(address + "/q/health/ready")).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(service.isAlive()).as("the service at %s stopped: %s", address, output(service)).isTrue();
                try {
                    return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notListeningYet) {
                    return false;
                }
            });
        }
    }

    private String exitsWithOutput(Process service) throws Exception {
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("the service stopped").isTrue();
        assertThat(service.exitValue()).isNotZero();
        return output(service);
    }

    private String output(Process service) throws IOException {
        return Files.readString(logs.get(service));
    }

    private static String officersToken() {
        return SigningKey.of(stack.settings().dataDir()).mint("casey.officer", "Casey Officer", "durham",
                List.of("complaints-officer"), Duration.ofHours(1));
    }

    /** Every email about the complaint: each links to the complaint's page in the tasklist. */
    private static List<Map<String, Object>> mailsAbout(String complaintId) {
        return given().when().get(stack.settings().httpAddress(Port.MAILBOX) + "/messages")
                .then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.body.contains('/tasklist/complaints/" + complaintId
                        + "') }");
    }
}
