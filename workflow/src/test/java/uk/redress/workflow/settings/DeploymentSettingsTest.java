package uk.redress.workflow.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.redress.local.Part;
import uk.redress.local.ServiceConfiguration;
import uk.redress.local.StackSettings;
import uk.redress.local.SigningKey;
import uk.redress.workflow.settings.DeploymentSettings.Rule;
import uk.redress.workflow.settings.DeploymentSettings.Setting;

class DeploymentSettingsTest {

    private static final List<String> PRODUCTION = List.of("prod");
    private static final List<String> LOCAL_STACK = List.of("local");

    @TempDir
    Path directory;

    @Test
    void aCompleteProductionDeploymentHasNoProblem() throws IOException {
        Map<String, Optional<String>> values = production();
        assertThat(DeploymentSettings.problems(PRODUCTION, DeploymentSettings.COMMON, name -> get(values, name)))
                .isEmpty();
    }

    @Test
    void eachMissingSettingIsNamedAsItsEnvironmentVariable() throws IOException {
        Map<String, Optional<String>> values = production();
        values.remove("redress.zeebe.grpc-address");
        values.put("quarkus.datasource.password", Optional.of(" "));

        assertThat(DeploymentSettings.problems(PRODUCTION, DeploymentSettings.COMMON, name -> get(values, name)))
                .containsExactly("QUARKUS_DATASOURCE_PASSWORD is not set (quarkus.datasource.password)",
                        "REDRESS_ZEEBE_GRPC_ADDRESS is not set (redress.zeebe.grpc-address)");
    }

    @Test
    void productionRefusesTheLocalStacksValuesAndShowsNoPassword() throws IOException {
        Map<String, Optional<String>> values = production();
        values.put("quarkus.datasource.reactive.url", Optional.of("postgresql://127.0.0.1:15432/redress"));
        values.put("kafka.bootstrap.servers", Optional.of("db.council.example:9093,localhost:19092"));
        values.put("redress.zeebe.grpc-address", Optional.of("http://[::1]:26500"));
        values.put("quarkus.datasource.password", Optional.of("redress"));
        values.put("mp.jwt.verify.issuer", Optional.of(SigningKey.ISSUER));
        List<Setting> settings = new ArrayList<>(DeploymentSettings.COMMON);
        settings.add(new Setting("redress.clock.engine-clock-file", Rule.LOCAL_STACK_ONLY));
        values.put("redress.clock.engine-clock-file", Optional.of("/tmp/redress-engine-clock/26501"));

        List<String> problems = DeploymentSettings.problems(PRODUCTION, settings, name -> get(values, name));

        assertThat(problems).containsExactly(
                "QUARKUS_DATASOURCE_REACTIVE_URL is postgresql://127.0.0.1:15432/redress, on this machine's loopback, "
                        + "where only the local stack runs: give the production server's address",
                "QUARKUS_DATASOURCE_PASSWORD is the local stack's password: give the production one",
                "KAFKA_BOOTSTRAP_SERVERS is db.council.example:9093,localhost:19092, on this machine's loopback, "
                        + "where only the local stack runs: give the production server's address",
                "REDRESS_ZEEBE_GRPC_ADDRESS is http://[::1]:26500, on this machine's loopback, where only the local "
                        + "stack runs: give the production server's address",
                "MP_JWT_VERIFY_ISSUER is https://redress.local/local-stack, the local stack's own issuer: give the "
                        + "identity provider's",
                "REDRESS_CLOCK_ENGINE_CLOCK_FILE is set: only the local stack has one; remove it in production");
        assertThat(String.join("\n", problems)).doesNotContain("redress\n").doesNotContain("password redress");
    }

    @Test
    void aHostThatOnlyStartsLikeLoopbackIsAnAddressLikeAnyOther() throws IOException {
        Map<String, Optional<String>> values = production();
        values.put("kafka.bootstrap.servers", Optional.of("localhost-kafka.council.example:9093,127.0.0.10.nip.io:1"));

        assertThat(DeploymentSettings.problems(PRODUCTION, DeploymentSettings.COMMON, name -> get(values, name)))
                .isEmpty();
    }

    @Test
    void theLocalStackMustGiveEverySettingButMayGiveItsOwnValues() throws IOException {
        Map<String, Optional<String>> values = production();
        values.put("quarkus.datasource.reactive.url", Optional.of("postgresql://127.0.0.1:15432/redress"));
        values.put("quarkus.datasource.password", Optional.of("redress"));
        values.remove("mp.jwt.verify.issuer");

        assertThat(DeploymentSettings.problems(LOCAL_STACK, DeploymentSettings.COMMON, name -> get(values, name)))
                .containsExactly("MP_JWT_VERIFY_ISSUER is not set (mp.jwt.verify.issuer)");
    }

    @Test
    void developmentAndTestsCheckNothing() {
        assertThat(DeploymentSettings.problems(List.of("test"), DeploymentSettings.COMMON, name -> Optional.empty()))
                .isEmpty();
        assertThat(DeploymentSettings.problems(List.of("dev"), DeploymentSettings.COMMON, name -> Optional.empty()))
                .isEmpty();
    }

    @Test
    void aMasterKeyFileTheServiceCannotReadIsNamed() throws IOException {
        Map<String, Optional<String>> values = production();
        values.put("redress.personal-data.master-key-file", Optional.of(directory.resolve("absent.key").toString()));

        assertThatThrownBy(() -> DeploymentSettings.require("complaint service", PRODUCTION,
                DeploymentSettings.COMMON, name -> get(values, name)))
                .hasMessage("The complaint service cannot start with the settings it was given (profile prod):\n"
                        + "  - REDRESS_PERSONAL_DATA_MASTER_KEY_FILE is " + directory.resolve("absent.key")
                        + ", which this service cannot read\n"
                        + "Each is an environment variable: the README's settings table says what each one is.");
    }

    @Test
    void environmentVariablesAreNamedAsQuarkusReadsThem() {
        assertThat(DeploymentSettings.environmentVariable("mp.jwt.verify.publickey.location"))
                .isEqualTo("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertThat(DeploymentSettings.environmentVariable("redress.personal-data.master-key-file"))
                .isEqualTo("REDRESS_PERSONAL_DATA_MASTER_KEY_FILE");
    }

    @Test
    void theLocalStacksOwnConfigurationIsAcceptedLocallyAndRefusedInProduction() {
        StackSettings stack = StackSettings.parse("--data-dir", directory.toString());
        Map<String, String> local = ServiceConfiguration.connections(Part.COMPLAINT_SERVICE, stack);
        List<Setting> settings = new ArrayList<>(DeploymentSettings.COMMON);
        settings.add(new Setting("redress.sign-in.local-key-location", Rule.LOCAL_STACK_ONLY));

        assertThat(DeploymentSettings.problems(LOCAL_STACK, settings, name -> Optional.ofNullable(local.get(name))))
                .isEmpty();
        assertThat(DeploymentSettings.problems(PRODUCTION, settings, name -> Optional.ofNullable(local.get(name))))
                .extracting(problem -> problem.substring(0, problem.indexOf(' ')))
                .containsExactly("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "REDRESS_ZEEBE_GRPC_ADDRESS",
                        "MP_JWT_VERIFY_ISSUER", "REDRESS_SIGN_IN_LOCAL_KEY_LOCATION");
    }

    private Map<String, Optional<String>> production() throws IOException {
        Path key = Files.writeString(directory.resolve("master.key"), "a key");
        Map<String, Optional<String>> values = new HashMap<>();
        values.put("quarkus.datasource.reactive.url", Optional.of("postgresql://redress-db-rw:5432/redress"));
        values.put("quarkus.datasource.jdbc.url", Optional.of("jdbc:postgresql://redress-db-rw:5432/redress"));
        values.put("quarkus.datasource.username", Optional.of("complaint-service"));
        values.put("quarkus.datasource.password", Optional.of("s3cret-from-a-secret"));
        values.put("kafka.bootstrap.servers", Optional.of("redress-kafka-bootstrap:9093"));
        values.put("redress.zeebe.grpc-address", Optional.of("https://zeebe.camunda.example:443"));
        values.put("mp.jwt.verify.publickey.location", Optional.of("https://identity.council.example/jwks"));
        values.put("mp.jwt.verify.issuer", Optional.of("https://identity.council.example/"));
        values.put("redress.personal-data.master-key-file", Optional.of(key.toString()));
        return values;
    }

    private static Optional<String> get(Map<String, Optional<String>> values, String name) {
        return values.getOrDefault(name, Optional.empty());
    }
}
