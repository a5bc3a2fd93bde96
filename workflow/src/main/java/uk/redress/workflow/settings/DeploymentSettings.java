package uk.redress.workflow.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The settings a deployment must give a service, checked as it starts, before it migrates its schema or connects to
 * anything, so that a mistake shows at the first start and names what to set, rather than as a service talking to
 * nothing (or to a developer's database). Each problem is named as the environment variable that sets the setting.
 *
 * <p>Development mode and the tests run on defaults that point at the local stack and check nothing. The local stack
 * runs the packaged services under the {@code local} profile: every setting given, the local stack's own values
 * allowed. Production ({@code prod}, the packaged services' default) gives every setting, and none of the local
 * stack's values.
 */
public final class DeploymentSettings {

    public static final String LOCAL_PROFILE = "local";
    public static final String PRODUCTION_PROFILE = "prod";

    /** The local stack's issuer of its own sign-in tokens (deploy/local's {@code SigningKey}). */
    static final String LOCAL_STACK_ISSUER = "https://redress.local/local-stack";
    /** The local stack's database password (deploy/local's {@code PostgresServer}). */
    static final String LOCAL_STACK_PASSWORD = "redress";
    private static final Pattern LOOPBACK =
            Pattern.compile("(?i)(?<![\\w.-])(localhost|127(\\.\\d{1,3}){3}|::1)(?![\\w.-])");

    /** What a deployment must give a setting. */
    public enum Rule {
        /** Given. */
        REQUIRED,
        /** Given; in production not on this machine's loopback, where only the local stack listens. */
        ADDRESS,
        /** Given; in production not the local stack's password. Never shown. */
        PASSWORD,
        /** Given; in production not the local stack's issuer. */
        ISSUER,
        /** Given, and a file the service can read. */
        READABLE_FILE,
        /** In production not given: only the local stack has one. */
        LOCAL_STACK_ONLY
    }

    /** A setting, by its configuration property's name, and what a deployment must give it. */
    public record Setting(String property, Rule rule) {

        public String environmentVariable() {
            return DeploymentSettings.environmentVariable(property);
        }
    }

    /** What both services need: the database, Kafka, the engine, the token issuer and the personal-data master key. */
    public static final List<Setting> COMMON = List.of(
            new Setting("quarkus.datasource.reactive.url", Rule.ADDRESS),
            new Setting("quarkus.datasource.jdbc.url", Rule.ADDRESS),
            new Setting("quarkus.datasource.username", Rule.REQUIRED),
            new Setting("quarkus.datasource.password", Rule.PASSWORD),
            new Setting("kafka.bootstrap.servers", Rule.ADDRESS),
            new Setting("redress.zeebe.grpc-address", Rule.ADDRESS),
            new Setting("mp.jwt.verify.publickey.location", Rule.ADDRESS),
            new Setting("mp.jwt.verify.issuer", Rule.ISSUER),
            new Setting("redress.personal-data.master-key-file", Rule.READABLE_FILE));

    private DeploymentSettings() {
    }

    /**
     * Every problem with the settings {@code values} gives, one line each; none outside the local and production
     * profiles.
     *
     * @param values a setting's value by its property's name, where it has one
     */
    public static List<String> problems(Collection<String> profiles, List<Setting> settings,
                                        Function<String, Optional<String>> values) {
        boolean production = profiles.contains(PRODUCTION_PROFILE);
        if (!production && !profiles.contains(LOCAL_PROFILE)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (Setting setting : settings) {
            Optional<String> value = values.apply(setting.property()).filter(given -> !given.isBlank());
            String variable = setting.environmentVariable();
            if (setting.rule() == Rule.LOCAL_STACK_ONLY) {
                if (production && value.isPresent()) {
                    problems.add(variable + " is set: only the local stack has one; remove it in production");
                }
                continue;
            }
            if (value.isEmpty()) {
                problems.add(variable + " is not set (" + setting.property() + ")");
                continue;
            }
            problem(setting.rule(), variable, value.get(), production).ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * Stops the start, naming every problem with the settings, if there is any.
     *
     * @param service the service's name, as its operators know it
     */
    public static void require(String service, Collection<String> profiles, List<Setting> settings,
                               Function<String, Optional<String>> values) {
        List<String> problems = problems(profiles, settings, values);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The " + service + " cannot start with the settings it was given (profile "
                    + String.join(",", profiles) + "):\n  - " + String.join("\n  - ", problems)
                    + "\nEach is an environment variable: the README's settings table says what each one is.");
        }
    }

    /** The environment variable that sets {@code property}, as Quarkus reads them. */
    public static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Optional<String> problem(Rule rule, String variable, String value, boolean production) {
        return switch (rule) {
            case REQUIRED, LOCAL_STACK_ONLY -> Optional.empty();
            case ADDRESS -> production && LOOPBACK.matcher(value).find()
                    ? Optional.of(variable + " is " + value + ", on this machine's loopback, where only the local stack "
                    + "runs: give the production server's address")
                    : Optional.empty();
            case PASSWORD -> production && value.equals(LOCAL_STACK_PASSWORD)
                    ? Optional.of(variable + " is the local stack's password: give the production one")
                    : Optional.empty();
            case ISSUER -> production && value.equals(LOCAL_STACK_ISSUER)
                    ? Optional.of(variable + " is " + value + ", the local stack's own issuer: give the identity "
                    + "provider's")
                    : Optional.empty();
            case READABLE_FILE -> Files.isReadable(Path.of(value)) ? Optional.empty()
                    : Optional.of(variable + " is " + value + ", which this service cannot read");
        };
    }
}
