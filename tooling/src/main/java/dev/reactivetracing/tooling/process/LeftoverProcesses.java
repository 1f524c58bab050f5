package dev.reactivetracing.tooling.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records a launcher and the processes it starts in a file, so that the next run stops those an earlier run left
 * behind. A launcher killed with SIGKILL runs no shutdown hook, and its children (PostgreSQL especially, which detaches
 * itself) would otherwise keep the ports and the data directory. The recorded launcher also keeps a second run from
 * starting beside a live one. Used by bin/run (local-run) and bin/bench.
 *
 * <p>The file has one line per process: {@code pid<TAB>start instant<TAB>name}.
 */
public final class LeftoverProcesses {

    /** Process ids are reused: a recorded process is only ours if it also started when we recorded it did. */
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(1);
    private static final String LAUNCHER = "launcher";

    private final Path file;
    private final String runName;
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String name, long pid, Instant started) {

        static Optional<Entry> parse(String line) {
            String[] fields = line.split("\t", 3);
            try {
                return Optional.of(new Entry(fields[2], Long.parseLong(fields[0]), Instant.parse(fields[1])));
            } catch (RuntimeException notAnEntry) {
                return Optional.empty();
            }
        }

        String format() {
            return pid + "\t" + started + "\t" + name;
        }

        /** The recorded process, if it still runs. */
        Optional<ProcessHandle> running() {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().startInstant()
                            .map(start -> Duration.between(start, started).abs().compareTo(START_TIME_TOLERANCE) < 0)
                            .orElse(false));
        }
    }

    /**
     * @param file where the records are kept
     * @param runName what a run is called in messages ("local run", "benchmark")
     */
    public LeftoverProcesses(Path file, String runName) {
        this.file = file;
        this.runName = runName;
    }

    /**
     * Makes this launcher the owner of the run directory: stops what an earlier, killed run left running (newest first:
     * services before their database) and returns their names.
     *
     * @throws IllegalStateException if the launcher of the earlier run is still running: two runs would share the
     *     data directory
     */
    public List<String> takeOver() {
        List<Entry> recorded = readRecords();
        recorded.stream()
                .filter(entry -> entry.name().equals(LAUNCHER))
                .flatMap(entry -> entry.running().stream())
                .filter(launcher -> launcher.pid() != ProcessHandle.current().pid())
                .findFirst()
                .ifPresent(launcher -> {
                    throw new IllegalStateException("Another " + runName + " is active (launcher pid "
                            + launcher.pid() + "). Stop it first: Ctrl-C in its terminal, or kill " + launcher.pid());
                });
        List<String> stopped = new ArrayList<>();
        for (Entry entry : recorded.reversed()) {
            if (entry.name().equals(LAUNCHER)) {
                continue;
            }
            entry.running().ifPresent(process -> {
                ProcessStop.terminate(process, Duration.ofSeconds(30));
                stopped.add(entry.name() + " (pid " + entry.pid() + ")");
            });
        }
        record(LAUNCHER, ProcessHandle.current());
        return stopped;
    }

    private List<Entry> readRecords() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream().flatMap(line -> Entry.parse(line).stream()).toList();
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not read " + file, failure);
        }
    }

    /** Records a process this run started. */
    public synchronized void record(String name, ProcessHandle process) {
        entries.add(new Entry(name, process.pid(), process.info().startInstant().orElse(Instant.EPOCH)));
        write();
    }

    /** Forgets the records once everything stopped cleanly; leaves a file this launcher did not take over alone. */
    public synchronized void clear() {
        if (entries.isEmpty()) {
            return;
        }
        entries.clear();
        try {
            Files.deleteIfExists(file);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private void write() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, entries.stream().map(Entry::format).toList());
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not write " + file, failure);
        }
    }
}
