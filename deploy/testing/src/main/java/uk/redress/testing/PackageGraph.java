package uk.redress.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package of a module's main code imports which, read from its sources: a package depends on another when one
 * of its files imports a class of it. Packages are named relative to the module's root package ({@code core},
 * {@code api}); the root package itself is {@code (root)}.
 *
 * @param imports each package, and the packages it imports
 */
public record PackageGraph(SortedMap<String, SortedSet<String>> imports) {

    /** How the module's root package is named. */
    public static final String ROOT = "(root)";

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;",
            Pattern.MULTILINE);

    /** The graph of the sources under {@code sources}, whose packages all start with {@code rootPackage}. */
    public static PackageGraph of(Path sources, String rootPackage) {
        Map<Path, String> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(path -> path.toString().endsWith(".java")).toList()) {
                files.put(file, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SortedSet<String> packages = new TreeSet<>();
        files.values().forEach(source -> packages.add(packageOf(source)));
        SortedMap<String, SortedSet<String>> imports = new TreeMap<>();
        for (String source : files.values()) {
            String from = packageOf(source);
            SortedSet<String> imported = imports.computeIfAbsent(name(from, rootPackage), key -> new TreeSet<>());
            Matcher matcher = IMPORT.matcher(source);
            while (matcher.find()) {
                longestKnown(matcher.group(1), packages).filter(to -> !to.equals(from))
                        .ifPresent(to -> imported.add(name(to, rootPackage)));
            }
        }
        return new PackageGraph(imports);
    }

    /** The packages of each cycle (a package that depends, directly or not, on one that depends on it). */
    public List<SortedSet<String>> cycles() {
        return new Tarjan().components().stream().filter(component -> component.size() > 1).toList();
    }

    public SortedSet<String> importsOf(String pkg) {
        return imports.getOrDefault(pkg, new TreeSet<>());
    }

    /** A Mermaid flowchart of the graph, for a README: an arrow from each package to each it imports. */
    public String mermaid() {
        StringBuilder chart = new StringBuilder("```mermaid\nflowchart TD\n");
        imports.keySet().forEach(pkg -> chart.append("    ").append(id(pkg)).append("[\"").append(pkg)
                .append("\"]\n"));
        imports.forEach((from, tos) -> tos.forEach(to -> chart.append("    ").append(id(from)).append(" --> ")
                .append(id(to)).append('\n')));
        return chart.append("```\n").toString();
    }

    private static String id(String pkg) {
        return pkg.equals(ROOT) ? "root" : pkg.replace('.', '_');
    }

    private static String packageOf(String source) {
        Matcher matcher = PACKAGE.matcher(source);
        if (!matcher.find()) {
            throw new IllegalArgumentException("a source file without a package declaration");
        }
        return matcher.group(1);
    }

    /** The package of an imported name: the longest of the module's packages it starts with, if any. */
    private static Optional<String> longestKnown(String imported, Set<String> packages) {
        for (String candidate = imported; !candidate.isEmpty();
             candidate = candidate.contains(".") ? candidate.substring(0, candidate.lastIndexOf('.')) : "") {
            if (packages.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String name(String pkg, String rootPackage) {
        if (pkg.equals(rootPackage)) {
            return ROOT;
        }
        if (!pkg.startsWith(rootPackage + ".")) {
            throw new IllegalArgumentException(pkg + " is not under " + rootPackage);
        }
        return pkg.substring(rootPackage.length() + 1);
    }

    /** Tarjan's strongly connected components: each cycle of the graph is one component. */
    private final class Tarjan {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> lowLink = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<SortedSet<String>> components = new ArrayList<>();

        List<SortedSet<String>> components() {
            imports.keySet().forEach(pkg -> {
                if (!index.containsKey(pkg)) {
                    visit(pkg);
                }
            });
            return components;
        }

        private void visit(String pkg) {
            index.put(pkg, index.size());
            lowLink.put(pkg, index.get(pkg));
            stack.push(pkg);
            onStack.add(pkg);
            for (String next : importsOf(pkg)) {
                if (!index.containsKey(next)) {
                    visit(next);
                    lowLink.put(pkg, Math.min(lowLink.get(pkg), lowLink.get(next)));
                } else if (onStack.contains(next)) {
                    lowLink.put(pkg, Math.min(lowLink.get(pkg), index.get(next)));
                }
            }
            if (lowLink.get(pkg).equals(index.get(pkg))) {
                SortedSet<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(pkg));
                components.add(component);
            }
        }
    }
}
