package uk.redress.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void mintsATokenSignedByTheKeyTheServicesAreGiven() throws Exception {
        SigningKey.of(dataDir); // as the stack does when it starts
        String token = TokenCommand.mint("--user", "alex.carter", "--name", "Alex \"AC\" Carter", "--org", "durham",
                "--role", "caseworker,manager", "--valid-for", "30m", "--data-dir", dataDir.toString());

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(publicKey(SigningKey.of(dataDir).publicKeyFile()));
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("iss").asText()).isEqualTo(SigningKey.ISSUER);
        assertThat(claims.get("sub").asText()).isEqualTo("alex.carter");
        assertThat(claims.get("name").asText()).isEqualTo("Alex \"AC\" Carter");
        assertThat(claims.get("org").asText()).isEqualTo("durham");
        assertThat(claims.get("groups")).extracting(JsonNode::asText).containsExactly("caseworker", "manager");
        long now = Instant.now().getEpochSecond();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(30 * 60);
        assertThat(claims.get("iat").asLong()).isBetween(now - 5, now + 1);
    }

    @Test
    void theKeyIsMadeOnceAndKept() throws Exception {
        SigningKey first = SigningKey.of(dataDir);
        String publicKey = Files.readString(first.publicKeyFile());
        String privateKey = Files.readString(first.privateKeyFile());

        SigningKey again = SigningKey.of(dataDir);

        assertThat(Files.readString(again.publicKeyFile())).isEqualTo(publicKey);
        assertThat(Files.readString(again.privateKeyFile())).isEqualTo(privateKey);
        assertThat(Files.getPosixFilePermissions(again.privateKeyFile()).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void servicesStartingTogetherShareOneKey() throws Exception {
        // The stack configures both services at once: each asks for the key, one makes it.
        List<Callable<Path>> starts = List.of(() -> SigningKey.of(dataDir).privateKeyFile(),
                () -> SigningKey.of(dataDir).privateKeyFile(), () -> SigningKey.of(dataDir).privateKeyFile(),
                () -> PersonalDataMasterKey.of(dataDir), () -> PersonalDataMasterKey.of(dataDir));
        ExecutorService pool = Executors.newFixedThreadPool(starts.size());
        try {
            for (Future<Path> started : pool.invokeAll(starts)) {
                assertThat(started.get()).exists();
            }
        } finally {
            pool.shutdown();
        }
        try (Stream<Path> left = Files.list(dataDir)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("keys",
                    "personal-data");
        }
        try (Stream<Path> keys = Files.list(dataDir.resolve("keys"))) {
            assertThat(keys.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("token-signing-key.pem", "token-signing-key.pub.pem");
        }
        try (Stream<Path> keys = Files.list(dataDir.resolve("personal-data"))) {
            assertThat(keys.map(path -> path.getFileName().toString())).containsExactly("master.key");
        }
    }

    @Test
    void refusesAFolderWhereNoStackKeepsItsData() {
        // A key made here would sign tokens that every running stack refuses with a bare 401.
        assertThatThrownBy(() -> TokenCommand.mint("--user", "a", "--org", "durham", "--role", "admin",
                "--data-dir", dataDir.resolve("elsewhere").toString()))
                .hasMessage("no local stack keeps its data in " + dataDir.resolve("elsewhere") + " (it has no signing "
                        + "key): start the stack first (deploy/local/run), and give this command the same --data-dir "
                        + "as the stack");
        assertThat(dataDir.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void saysWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> TokenCommand.mint("--org", "durham", "--role", "caseworker"))
                .hasMessage("--user is required");
        assertThatThrownBy(() -> TokenCommand.mint("--user", "a", "--org", "durham", "--role", "superuser"))
                .hasMessageStartingWith("unknown role 'superuser': the roles are");
        assertThatThrownBy(() -> TokenCommand.mint("--user", "a", "--org", "durham", "--role", "admin",
                "--valid-for", "forever"))
                .hasMessage("--valid-for must be minutes, hours or days, like 30m, 8h or 7d, was 'forever'");
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").trim();
        return KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
    }
}
