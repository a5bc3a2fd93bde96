package uk.redress.local;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How each service reaches the rest of the stack, and which tokens it trusts: the configuration a deployment gives it. Used both when the stack
 * launches the packaged services and when a service's tests start the parts it needs.
 */
public final class ServiceConfiguration {

    private ServiceConfiguration() {
    }

    public static Set<Part> partsNeededBy(Part service) {
        return switch (service) {
            case COMPLAINT_SERVICE -> EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.ZEEBE);
            case NOTIFICATION_SERVICE -> EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.ZEEBE, Part.MAIL);
            default -> throw new IllegalArgumentException(service.id() + " is not a service");
        };
    }

    /** Configuration properties that point {@code service} at the stack described by {@code settings}. */
    public static Map<String, String> connections(Part service, StackSettings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Part part : partsNeededBy(service)) {
            switch (part) {
                case POSTGRES -> {
                    properties.put("quarkus.datasource.reactive.url", settings.postgresReactiveUrl());
                    properties.put("quarkus.datasource.jdbc.url", settings.postgresJdbcUrl());
                    properties.put("quarkus.datasource.username", PostgresServer.USER);
                    properties.put("quarkus.datasource.password", PostgresServer.PASSWORD);
                }
                case KAFKA -> properties.put("kafka.bootstrap.servers", settings.kafkaBootstrapServers());
                case ZEEBE -> {
                    properties.put("redress.zeebe.grpc-address", settings.zeebeGrpcAddress());
                    if (service == Part.COMPLAINT_SERVICE) {
                        // Its incident and variable searches (Camunda's REST API v2), answered by the local engine.
                        properties.put("redress.zeebe.rest-address", settings.httpAddress(Port.ENGINE_HTTP));
                    }
                    // Decisions at the engine's time: moving its clock makes windows close for the API too, and a
                    // job a timer hands out is worked at the time that fired it.
                    properties.put("redress.clock.engine-clock-file",
                            EngineClockFile.of(settings.port(Port.ENGINE_HTTP)).toString());
                }
                case MAIL -> {
                    properties.put("quarkus.mailer.host", "127.0.0.1");
                    properties.put("quarkus.mailer.port", String.valueOf(settings.port(Port.SMTP)));
                }
                default -> throw new IllegalStateException("a service does not connect to " + part.id());
            }
        }
        // Tokens signed by the stack's own key, made on first start (see SigningKey and deploy/local/token).
        SigningKey key = SigningKey.of(settings.dataDir());
        properties.put("mp.jwt.verify.publickey.location", key.publicKeyFile().toUri().toString());
        properties.put("mp.jwt.verify.issuer", SigningKey.ISSUER);
        // Seals each complainant's key (the complaint service) and opens it (the notification service, for letters).
        properties.put("redress.personal-data.master-key-file",
                PersonalDataMasterKey.of(settings.dataDir()).toString());
        if (service == Part.COMPLAINT_SERVICE) {
            // The tasklist's local sign-in mints its session token with the same key.
            properties.put("redress.sign-in.local-key-location", key.privateKeyFile().toUri().toString());
        }
        return properties;
    }
}
