package dev.reactivetracing.testing.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which top-level package of a module uses which other, read from its sources (imports, static imports and fully
 * qualified names): enough to find a cycle, such as {@code service} and {@code repository} using each other, without
 * a bytecode library. Sub-packages count as their top-level package ({@code rest.dto} is {@code rest}).
 */
public final class PackageGraph {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern COMMENT_OR_STRING = Pattern.compile("//[^\\n]*|/\\*[\\s\\S]*?\\*/|\"(?:\\\\.|[^\"\\\\])*\"");

    private final String basePackage;
    private final Map<String, Set<String>> uses;

    private PackageGraph(String basePackage, Map<String, Set<String>> uses) {
        this.basePackage = basePackage;
        this.uses = uses;
    }

    /** The graph of the packages under {@code basePackage} in {@code sourceRoot} (e.g. {@code src/main/java}). */
    public static PackageGraph ofSources(Path sourceRoot, String basePackage) {
        Pattern reference = Pattern.compile("\\b" + Pattern.quote(basePackage) + "\\.(\\w+)\\.");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                if (!declared.find() || !declared.group(1).startsWith(basePackage + ".")) {
                    continue;
                }
                String from = topLevel(declared.group(1).substring(basePackage.length() + 1));
                Set<String> targets = uses.computeIfAbsent(from, ignored -> new TreeSet<>());
                Matcher used = reference.matcher(COMMENT_OR_STRING.matcher(source).replaceAll(""));
                while (used.find()) {
                    if (!used.group(1).equals(from)) {
                        targets.add(used.group(1));
                    }
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return new PackageGraph(basePackage, uses);
    }

    public Map<String, Set<String>> uses() {
        return uses;
    }

    /** Every cycle, each as the packages on it ({@code [repository, service, repository]}); empty when there is none. */
    public List<List<String>> cycles() {
        List<List<String>> cycles = new ArrayList<>();
        Set<String> reported = new TreeSet<>();
        for (String start : uses.keySet()) {
            findCycles(start, new ArrayList<>(List.of(start)), cycles, reported);
        }
        return cycles;
    }

    private void findCycles(String current, List<String> path, List<List<String>> cycles, Set<String> reported) {
        for (String next : uses.getOrDefault(current, Set.of())) {
            if (next.equals(path.get(0))) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(next);
                // One report per cycle, whichever package it is found from.
                if (reported.add(new TreeSet<>(path).toString())) {
                    cycles.add(cycle);
                }
            } else if (!path.contains(next) && next.compareTo(path.get(0)) > 0) {
                path.add(next);
                findCycles(next, path, cycles, reported);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String topLevel(String relativePackage) {
        int dot = relativePackage.indexOf('.');
        return dot < 0 ? relativePackage : relativePackage.substring(0, dot);
    }

    @Override
    public String toString() {
        return basePackage + " " + uses;
    }
}
