package uk.redress.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code deploy/local/token}: prints a token the local stack's services accept, for a named user of an organisation
 * in one or more roles, to send as {@code Authorization: Bearer <token>}.
 */
public final class TokenCommand {

    /** The roles the services know; a token with another is refused nothing more than one without it. */
    static final Set<String> ROLES = Set.of("case-system", "caseworker", "complaints-officer", "manager", "admin");

    static final String USAGE = """
            Usage: deploy/local/token --user ID --org ORGANISATION --role ROLE[,ROLE] [options]
              --user ID            who the token is for (its subject), e.g. alex.carter or durham-crm
              --org ORGANISATION   the organisation whose complaints it reaches, e.g. durham
              --role ROLE,...      one or more of: case-system, caseworker, complaints-officer, manager, admin
              --name NAME          the name shown for the user (default: the user id)
              --valid-for TIME     how long it is valid: 30m, 8h, 7d (default: 8h)
              --data-dir DIR       the stack's data folder, which holds its signing key (default: .redress-data)
            """;

    private TokenCommand() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        try {
            System.out.println(mint(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(64);
        }
    }

    static String mint(String... args) {
        String user = null;
        String organisation = null;
        List<String> roles = List.of();
        String name = null;
        Duration validFor = Duration.ofHours(8);
        Path dataDir = Path.of(".redress-data");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = i + 1 < args.length ? args[++i] : null;
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            switch (option) {
                case "--user" -> user = value;
                case "--org" -> organisation = value;
                case "--role" -> roles = Arrays.stream(value.split(",")).map(String::trim).toList();
                case "--name" -> name = value;
                case "--valid-for" -> validFor = duration(value);
                case "--data-dir" -> dataDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("--user is required");
        }
        if (organisation == null || organisation.isBlank()) {
            throw new IllegalArgumentException("--org is required");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("--role is required");
        }
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "': the roles are " + ROLES);
            }
        }
        Path stackData = dataDir.toAbsolutePath().normalize();
        SigningKey key = SigningKey.existing(stackData).orElseThrow(() -> new IllegalArgumentException(
                "no local stack keeps its data in " + stackData + " (it has no signing key): start the stack first "
                        + "(deploy/local/run), and give this command the same --data-dir as the stack"));
        return key.mint(user, name == null ? user : name, organisation, roles, validFor);
    }

    private static Duration duration(String value) {
        String amount = value.substring(0, value.length() - 1);
        try {
            long number = Long.parseLong(amount);
            return switch (value.toLowerCase(Locale.ROOT).charAt(value.length() - 1)) {
                case 'm' -> Duration.ofMinutes(number);
                case 'h' -> Duration.ofHours(number);
                case 'd' -> Duration.ofDays(number);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--valid-for must be minutes, hours or days, like 30m, 8h or 7d, was '"
                    + value + "'");
        }
    }
}
