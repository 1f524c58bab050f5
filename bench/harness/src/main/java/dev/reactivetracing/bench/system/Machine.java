package dev.reactivetracing.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reactivetracing.tooling.process.ExternalCommand;

/** What the numbers were measured on. */
public final class Machine {

    private Machine() {
    }

    public static Map<String, Object> describe(Path root) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu_model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        machine.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + osRelease() + ")");
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.home") + ")");
        machine.put("load_average_start", loadAverage());
        String commit = command(root, List.of("git", "rev-parse", "--short", "HEAD"));
        machine.put("git_commit", commit.matches("[0-9a-f]{7,40}") ? commit : "? (not a git work tree)");
        if (commit.matches("[0-9a-f]{7,40}")) {
            String dirty = command(root, List.of("git", "status", "--porcelain", "--untracked-files=no"));
            machine.put("git_uncommitted_changes", dirty.isBlank() ? 0 : dirty.split("\n").length);
        }
        machine.put("wrk", command(root, List.of("wrk", "-v")).lines().findFirst().orElse("?"));
        machine.put("hyperfoil", System.getProperty("bench.hyperfoil.version", "?"));
        return machine;
    }

    /** The 1, 5 and 15 minute load averages. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException unreadable) {
            return "?";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException unreadable) {
            return "?";
        }
    }

    private static String osRelease() {
        String pretty = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME");
        return pretty.startsWith("?") ? "?" : pretty.replace("PRETTY_NAME=", "").replace("\"", "");
    }

    private static String command(Path root, List<String> command) {
        try {
            Path log = Files.createTempFile("bench-machine", ".log");
            String output = ExternalCommand.run(command, Map.of(), log, Duration.ofSeconds(10), true).output().trim();
            Files.deleteIfExists(log);
            return output.lines().filter(line -> !line.startsWith("$ ")).reduce((a, b) -> a + "\n" + b).orElse("");
        } catch (RuntimeException | IOException unavailable) {
            return "?";
        }
    }
}
