package uk.redress.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The local stack's token signing key: an RSA key pair made on first use under the data folder and kept there, so
 * tokens minted once stay valid across restarts. The services verify tokens with the public half (SmallRye JWT); the
 * private half mints them, for the {@code deploy/local/token} command, the tasklist's local sign-in and the tests.
 * A real deployment has no such key: its identity provider signs the tokens (see the README).
 */
public final class SigningKey {

    /** The issuer of every token the local stack mints; the services accept no other. */
    public static final String ISSUER = "https://redress.local/local-stack";

    private static final String PRIVATE_FILE = "token-signing-key.pem";
    private static final String PUBLIC_FILE = "token-signing-key.pub.pem";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final Path folder;

    private SigningKey(Path folder) {
        this.folder = folder;
    }

    /** The key of the stack whose data lives in {@code dataDir}, made now if it has none yet. */
    public static SigningKey of(Path dataDir) {
        SigningKey key = new SigningKey(dataDir.resolve("keys"));
        key.makeIfMissing();
        return key;
    }

    /**
     * The key of the stack whose data lives in {@code dataDir}, empty when no stack has made one there: a key made
     * now would sign tokens that no running stack accepts.
     */
    public static Optional<SigningKey> existing(Path dataDir) {
        SigningKey key = new SigningKey(dataDir.resolve("keys"));
        return Files.exists(key.privateKeyFile()) ? Optional.of(key) : Optional.empty();
    }

    /** The key whose public half a service was given ({@code mp.jwt.verify.publickey.location}). */
    public static SigningKey besidePublicKey(Path publicKeyFile) {
        return new SigningKey(publicKeyFile.getParent());
    }

    public Path publicKeyFile() {
        return folder.resolve(PUBLIC_FILE);
    }

    public Path privateKeyFile() {
        return folder.resolve(PRIVATE_FILE);
    }

    /**
     * A signed token (RS256) for {@code subject} of {@code organisation} in {@code roles}, valid from now for
     * {@code validFor}.
     */
    public String mint(String subject, String name, String organisation, List<String> roles, Duration validFor) {
        return mint(subject, name, organisation, roles, Instant.now(), validFor, ISSUER);
    }

    /** The same with every claim chosen, for tests of expired and foreign tokens. */
    public String mint(String subject, String name, String organisation, List<String> roles, Instant issuedAt,
                       Duration validFor, String issuer) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{" + String.join(",",
                field("iss", issuer),
                field("sub", subject),
                field("upn", subject),
                field("name", name),
                field("org", organisation),
                "\"groups\":[" + String.join(",", roles.stream().map(SigningKey::quoted).toList()) + "]",
                "\"iat\":" + issuedAt.getEpochSecond(),
                "\"exp\":" + issuedAt.plus(validFor).getEpochSecond(),
                field("jti", UUID.randomUUID().toString())) + "}";
        String signed = encode(header) + "." + encode(payload);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + privateKeyFile(), e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String name, String value) {
        return quoted(name) + ":" + quoted(value);
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    private static String quoted(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u%04x".formatted((int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private PrivateKey privateKey() throws GeneralSecurityException {
        try {
            String pem = Files.readString(privateKeyFile());
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the pair unless it is there: both halves are written in a folder of their own that is then renamed into
     * place, so a reader finds both or neither, and of two stacks racing on one data folder the first rename wins.
     */
    private void makeIfMissing() {
        if (Files.exists(privateKeyFile())) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(folder.getParent());
            Path draft = Files.createTempDirectory(folder.getParent(), "keys-");
            Files.writeString(draft.resolve(PUBLIC_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Path privatePart = Files.createFile(draft.resolve(PRIVATE_FILE));
            try {
                Files.setPosixFilePermissions(privatePart, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system (Windows): the data folder's own permissions protect the key.
            }
            Files.writeString(privatePart, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            try {
                Files.move(draft, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Renaming onto a folder that is there fails (how depends on the platform): if it holds a key, the
                // other start won, and its key stands.
                Files.delete(draft.resolve(PUBLIC_FILE));
                Files.delete(privatePart);
                Files.delete(draft);
                if (!Files.exists(privateKeyFile())) {
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token signing key under " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make an RSA key", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
