package uk.redress.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A machine that has never built Redress, as far as a build can tell: a copy of the repository as a clean clone has it
 * (the files git tracks, and new ones it does not ignore, with no {@code target/}), and a Maven local repository with
 * every third-party artifact this machine has downloaded but none of Redress's own. Offline, so that what a fresh
 * machine would download and this one holds is taken from here, and what it could not find fails here too.
 *
 * @param home            the copy of the repository
 * @param mavenRepository the local repository its builds use
 */
record FreshMachine(Path home, Path mavenRepository) {

    /** The machine's own local repository; the system tests' POM sets it from Maven's settings. */
    static final String MAVEN_REPOSITORY_PROPERTY = "redress.maven-repository";
    /** Redress's own artifacts (uk.redress), which a machine that has never built it does not have. */
    private static final List<String> OWN_GROUP = List.of("uk", "redress");

    /** Copies the repository at {@code repository} into {@code machine}, with a local repository beside it. */
    static FreshMachine copying(Path repository, Path machine) throws IOException, InterruptedException {
        Path home = machine.resolve("redress");
        for (String file : trackedAndNewFiles(repository)) {
            Path source = repository.resolve(file);
            // A tracked file deleted in the working tree is not in a clone of what is committed next.
            if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                Path target = home.resolve(file);
                Files.createDirectories(target.getParent());
                // With its attributes: the scripts keep their execute bit.
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
        Path mavenRepository = machine.resolve("m2-repository");
        linkAllBut(Path.of(System.getProperty(MAVEN_REPOSITORY_PROPERTY, defaultMavenRepository())), mavenRepository,
                OWN_GROUP);
        return new FreshMachine(home, mavenRepository);
    }

    /** What the copy's scripts need in their environment: its builds use this machine's local repository, offline. */
    Map<String, String> environment() {
        return Map.of("MAVEN_ARGS", "--offline -Dmaven.repo.local=" + mavenRepository);
    }

    private static List<String> trackedAndNewFiles(Path repository) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", repository.toString(), "ls-files", "-z", "--cached", "--others",
                "--exclude-standard").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String listed = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new IllegalStateException("git could not list the files of " + repository);
        }
        return Stream.of(listed.split("\0")).filter(file -> !file.isEmpty()).toList();
    }

    /**
     * Links every entry of {@code source} into {@code target}, except the path {@code left}: along it, a folder of its
     * own at each level, linking the rest of that level, and nothing for its last name.
     */
    private static void linkAllBut(Path source, Path target, List<String> left) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> entries = Files.list(source)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals(left.getFirst())) {
                    Files.createSymbolicLink(target.resolve(name), entry);
                } else if (left.size() > 1) {
                    linkAllBut(entry, target.resolve(name), left.subList(1, left.size()));
                }
            }
        }
    }

    private static String defaultMavenRepository() {
        return Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
    }
}
