package uk.redress.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth to the engine's gateway, as a council's Camunda (Identity, Keycloak or SaaS) asks for it: a token endpoint on
 * 127.0.0.1 hands out short-lived tokens, and a gateway there records what each call carried. No engine checks tokens
 * on this machine (the local engine's gateway takes any call), so the gateway here only answers Camunda's topology
 * and shows which token came.
 */
class EngineConnectionTest {

    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> gatewayAuthorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final HttpServer server = server();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theClientFetchesATokenWithItsCredentialsSendsItAndFetchesAnotherWhenItExpires() throws InterruptedException {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Map<String, String> settings = Map.of("redress.zeebe.grpc-address", "http://127.0.0.1:1",
                "redress.zeebe.rest-address", base.resolve("/gateway").toString(),
                "redress.zeebe.oauth.client-id", "redress-complaint-service",
                "redress.zeebe.oauth.client-secret", "s3cret",
                "redress.zeebe.oauth.token-url", base.resolve("/token").toString(),
                "redress.zeebe.oauth.audience", "orchestration-api");
        EngineConnection connection = EngineConnection.of(name -> Optional.ofNullable(settings.get(name)));

        try (CamundaClient client = connection.builder().build()) {
            client.newTopologyRequest().useRest().send().join();
            assertThat(tokenRequests).hasSize(1);
            assertThat(tokenRequests.getFirst()).containsEntry("grant_type", "client_credentials")
                    .containsEntry("client_id", "redress-complaint-service").containsEntry("client_secret", "s3cret")
                    .containsEntry("audience", "orchestration-api");
            assertThat(gatewayAuthorizations).containsExactly("Bearer token-1");

            // Each token lasts a second: a call after that goes with a new one.
            Thread.sleep(Duration.ofMillis(1_500));
            client.newTopologyRequest().useRest().send().join();
            assertThat(gatewayAuthorizations).containsExactly("Bearer token-1", "Bearer token-2");
            assertThat(tokenRequests).hasSize(2);
        }
    }

    @Test
    void someCredentialsWithoutTheRestAreRefusedNamingWhatIsMissing() {
        Map<String, String> settings = Map.of("redress.zeebe.grpc-address", "http://127.0.0.1:26500",
                "redress.zeebe.oauth.client-id", "redress-complaint-service");
        assertThatThrownBy(() -> EngineConnection.of(name -> Optional.ofNullable(settings.get(name))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redress.zeebe.oauth.client-secret")
                .hasMessageContaining("redress.zeebe.oauth.token-url")
                .hasMessageNotContaining("client-id");
        // An audience alone (a default left in place) asks for no OAuth.
        assertThat(EngineConnection.of(name -> name.endsWith("grpc-address") ? Optional.of("http://127.0.0.1:26500")
                : name.endsWith("audience") ? Optional.of("orchestration-api") : Optional.empty()).oauth()).isEmpty();
    }

    private HttpServer server() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/token", exchange -> {
                tokenRequests.add(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                answer(exchange, "{\"access_token\":\"token-" + tokensIssued.incrementAndGet()
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":1}");
            });
            http.createContext("/gateway", exchange -> {
                gatewayAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                answer(exchange, "{\"brokers\":[],\"clusterSize\":1,\"partitionsCount\":1,\"replicationFactor\":1,"
                        + "\"gatewayVersion\":\"8.8.0\"}");
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        return Stream.of(body.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> pair.length > 1 ? decode(pair[1]) : ""));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
