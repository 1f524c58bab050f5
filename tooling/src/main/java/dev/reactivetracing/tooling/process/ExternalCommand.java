package dev.reactivetracing.tooling.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command run to completion with a time limit (pgbench, wrk, jcmd, gnuplot...): its output is appended to a log and
 * returned; optionally the CPU time it used is measured.
 */
public final class ExternalCommand {

    private static final String CPU_MARK = "EXTERNAL-COMMAND-CPU";
    private static final Pattern BASH_TIME = Pattern.compile("(\\d+)m([0-9.]+)s");

    private ExternalCommand() {
    }

    /** The result of a command: exit code, everything it printed, and the CPU seconds it used (NaN if not measured). */
    public record Result(int exitCode, String output, double cpuSeconds) {
    }

    /**
     * Runs a command to completion, its output going to {@code log} (appended) and returned; kills it and its children
     * if it overruns {@code limit}. Fails on a non-zero exit unless {@code allowFailure}.
     */
    public static Result run(List<String> command, Map<String, String> environment, Path log, Duration limit,
            boolean allowFailure) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Path output = Files.createTempFile(log.toAbsolutePath().getParent(), "cmd-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                ProcessStop.kill(process.toHandle());
            }
            String text = Files.readString(output);
            Files.delete(output);
            Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator() + text
                    + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (!finished) {
                throw new IllegalStateException(command.getFirst() + " did not finish within " + limit.toSeconds()
                        + " s (see " + log + ")");
            }
            int exit = process.exitValue();
            if (exit != 0 && !allowFailure) {
                throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(6, command.size())))
                        + " exited with " + exit + ": " + tail(text, 15));
            }
            return new Result(exit, text, Double.NaN);
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not run " + command.getFirst(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.getFirst(), interrupted);
        }
    }

    /**
     * As {@link #run}, measuring the CPU time (user + system) the command and its children used: bash's {@code times}
     * after it reports the children's (a short-lived command is gone before /proc could be read).
     */
    public static Result runTimed(List<String> command, Map<String, String> environment, Path log, Duration limit,
            boolean allowFailure) {
        // times prints two lines, the shell's own CPU and its children's: the mark, then those, end the output.
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c",
                "\"$@\"; status=$?; echo; echo " + CPU_MARK + "; times; exit $status", "bash"));
        wrapped.addAll(command);
        Result result = run(wrapped, environment, log, limit, allowFailure);
        return new Result(result.exitCode(), result.output(), childrenCpuSeconds(result.output()));
    }

    /** The children's CPU from the output of {@code times} after the mark (NaN without it). */
    static double childrenCpuSeconds(String output) {
        String[] lines = output.split("\n");
        double cpu = Double.NaN;
        for (int i = 0; i + 2 < lines.length; i++) {
            if (lines[i].trim().equals(CPU_MARK)) {
                cpu = 0;
                Matcher matcher = BASH_TIME.matcher(lines[i + 2]);
                while (matcher.find()) {
                    cpu += Integer.parseInt(matcher.group(1)) * 60 + Double.parseDouble(matcher.group(2));
                }
            }
        }
        return cpu;
    }

    /** The last {@code lines} lines of a text. */
    public static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
