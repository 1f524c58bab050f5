import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything the harness starts, stopped in reverse order at the end, on failure and on Ctrl-C; and external commands
 * run with a time limit. The pid of every process is also written to a file, so that bin/bench's trap can stop what a
 * JVM killed with SIGKILL left behind.
 */
final class Processes implements AutoCloseable {

    /** Something to stop at the end. */
    interface Stop {
        void stop() throws Exception;
    }

    private record Entry(String name, Stop stop) {
    }

    private final Deque<Entry> stops = new ArrayDeque<>();
    private final Path pidFile;
    private boolean closed;

    Processes(Path pidFile) {
        this.pidFile = pidFile;
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, "");
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    synchronized void onClose(String name, Stop stop) {
        stops.push(new Entry(name, stop));
    }

    synchronized void recordPid(String name, long pid) {
        try {
            Files.writeString(pidFile, pid + " " + name + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Runs the registered stops once, newest first; failures are reported and do not stop the others. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!stops.isEmpty()) {
            Entry entry = stops.pop();
            try {
                entry.stop().stop();
            } catch (Exception failure) {
                System.err.println("bench: stopping " + entry.name() + " failed: " + failure);
            }
        }
    }

    /** The result of an external command: exit code, everything it printed, and the CPU seconds it used (or NaN). */
    record Result(int exitCode, String output, double cpuSeconds) {
        Result(int exitCode, String output) {
            this(exitCode, output, Double.NaN);
        }
    }

    private static final String CPU_MARK = "BENCH-CPU ";

    /**
     * As {@link #run}, measuring the CPU time (user + system) the command used: bash's {@code times} after it, which
     * reports the children's.
     */
    static Result runTimed(List<String> command, Map<String, String> environment, Path log, Duration limit,
            boolean allowFailure) {
        // times prints two lines, the shell's own CPU and its children's: the mark, then those, end the output.
        List<String> wrapped = new java.util.ArrayList<>(List.of("bash", "-c",
                "\"$@\"; status=$?; echo; echo " + CPU_MARK.trim() + "; times; exit $status", "bash"));
        wrapped.addAll(command);
        Result result = run(wrapped, environment, log, limit, allowFailure);
        double cpu = Double.NaN;
        String[] lines = result.output().split("\n");
        for (int i = 0; i + 2 < lines.length; i++) {
            if (lines[i].equals(CPU_MARK.trim())) {
                cpu = 0;
                java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d+)m([0-9.]+)s")
                        .matcher(lines[i + 2]);
                while (matcher.find()) {
                    cpu += Integer.parseInt(matcher.group(1)) * 60 + Double.parseDouble(matcher.group(2));
                }
            }
        }
        return new Result(result.exitCode(), result.output(), cpu);
    }

    /**
     * Runs a command to completion, its output going to {@code log} (appended) and returned; kills it if it overruns
     * {@code limit}. Fails on a non-zero exit unless {@code allowFailure}.
     */
    static Result run(List<String> command, Map<String, String> environment, Path log, Duration limit,
            boolean allowFailure) {
        try {
            Path output = Files.createTempFile(log.getParent(), "cmd-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
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
            return new Result(exit, text);
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not run " + command.getFirst(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.getFirst(), interrupted);
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    static void stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception notYet) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's checks
            }
        }
    }
}
