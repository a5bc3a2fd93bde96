package uk.redress.workflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.CredentialsProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a service reaches the Zeebe engine: its gateway's gRPC address (and REST address, where the service searches),
 * TLS where an address is {@code https}, and OAuth client credentials where the gateway asks for a token (Camunda
 * SaaS, or Self-Managed with Identity or Keycloak). The client fetches the token from the token URL, sends it with
 * every call, and fetches another when it expires or the gateway refuses it.
 *
 * @param caCertificate the certificate authority of the gateway's TLS, where it is not one the JVM trusts
 */
public record EngineConnection(URI grpcAddress, Optional<URI> restAddress, Optional<OAuth> oauth,
                               Optional<Path> caCertificate) {

    static final String SETTINGS = "redress.zeebe.";
    static final String OAUTH = SETTINGS + "oauth.";

    /**
     * The connection the settings give: {@code redress.zeebe.grpc-address} (required), {@code rest-address},
     * {@code ca-certificate} and {@code oauth.*} (see {@link OAuth#of}).
     *
     * @param settings a setting's value by name, where it has one
     */
    public static EngineConnection of(Function<String, Optional<String>> settings) {
        URI grpcAddress = settings.apply(SETTINGS + "grpc-address").map(URI::create).orElseThrow(
                () -> new IllegalArgumentException(SETTINGS + "grpc-address is not set: the engine's gateway"));
        return new EngineConnection(grpcAddress, settings.apply(SETTINGS + "rest-address").map(URI::create),
                OAuth.of(settings), settings.apply(SETTINGS + "ca-certificate").map(Path::of));
    }

    /**
     * @param tokenUrl the token endpoint of the engine's identity provider
     * @param audience what the token is for, where the provider asks (Camunda's {@code orchestration-api}, SaaS's
     *                 {@code zeebe.camunda.io})
     */
    public record OAuth(String clientId, String clientSecret, URI tokenUrl, Optional<String> audience,
                        Optional<String> scope) {

        /**
         * The client credentials from {@code oauth.client-id}, {@code client-secret}, {@code token-url},
         * {@code audience} and {@code scope}: none when none of the first three is given, and a refusal naming each
         * one missing when only some are.
         */
        private static Optional<OAuth> of(Function<String, Optional<String>> settings) {
            List<String> required = List.of(OAUTH + "client-id", OAUTH + "client-secret", OAUTH + "token-url");
            List<String> missing = required.stream().filter(name -> settings.apply(name).isEmpty()).toList();
            if (missing.size() == required.size()) {
                return Optional.empty();
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("OAuth to the engine needs a client id, a secret and a token URL: "
                        + String.join(", ", missing) + " not set");
            }
            return Optional.of(new OAuth(settings.apply(required.get(0)).orElseThrow(),
                    settings.apply(required.get(1)).orElseThrow(), URI.create(settings.apply(required.get(2))
                    .orElseThrow()), settings.apply(OAUTH + "audience"), settings.apply(OAUTH + "scope")));
        }
    }

    /** A client builder set up for this connection; the caller adds what is its own (job threads, and so on). */
    public CamundaClientBuilder builder() {
        CamundaClientBuilder builder = CamundaClient.newClientBuilder()
                .grpcAddress(grpcAddress)
                .preferRestOverGrpc(false)
                // The settings here are the whole configuration: no ZEEBE_* or CAMUNDA_* variable changes them.
                .applyEnvironmentVariableOverrides(false);
        restAddress.ifPresent(builder::restAddress);
        caCertificate.ifPresent(path -> builder.caCertificatePath(path.toString()));
        oauth.ifPresent(credentials -> builder.credentialsProvider(credentialsProvider(credentials)));
        return builder;
    }

    private static CredentialsProvider credentialsProvider(OAuth oauth) {
        var provider = CredentialsProvider.newCredentialsProviderBuilder()
                .clientId(oauth.clientId())
                .clientSecret(oauth.clientSecret())
                .authorizationServerUrl(oauth.tokenUrl().toString())
                // Its default cache is under the home directory, which a container's read-only root does not let it
                // write: the temporary directory is writable (an emptyDir in the Kubernetes manifests).
                .credentialsCachePath(Path.of(System.getProperty("java.io.tmpdir"), "redress-engine-credentials")
                        .toString());
        oauth.audience().ifPresent(provider::audience);
        oauth.scope().ifPresent(provider::scope);
        return provider.build();
    }
}
