package dev.reactivetracing.tooling.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverProcessesTest {

    @TempDir
    Path directory;

    private Process sleeper;

    @AfterEach
    void stopSleeper() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void theNextRunStopsWhatAKilledRunLeftRunning() throws IOException {
        sleeper = new ProcessBuilder("sleep", "60").start();
        Path file = directory.resolve("processes");
        // What a run killed with SIGKILL leaves: its records, its launcher gone (a pid that no longer runs).
        Files.write(file, List.of(
                "999999999\t" + Instant.now() + "\tlauncher",
                line(sleeper.toHandle(), "PostgreSQL")));

        List<String> stopped = new LeftoverProcesses(file, "test run").takeOver();

        assertEquals(List.of("PostgreSQL (pid " + sleeper.pid() + ")"), stopped);
        assertFalse(sleeper.isAlive());
    }

    @Test
    void aRecordedPidThatStartedAtAnotherTimeIsSomeoneElsesProcessAndIsLeftAlone() throws IOException {
        sleeper = new ProcessBuilder("sleep", "60").start();
        Path file = directory.resolve("processes");
        Files.write(file, List.of(sleeper.pid() + "\t" + Instant.now().minus(Duration.ofHours(1)) + "\tPostgreSQL"));

        List<String> stopped = new LeftoverProcesses(file, "test run").takeOver();

        assertEquals(List.of(), stopped);
        assertTrue(sleeper.isAlive());
    }

    @Test
    void aSecondRunDoesNotStartBesideALiveOne() throws IOException {
        sleeper = new ProcessBuilder("sleep", "60").start();
        Path file = directory.resolve("processes");
        Files.write(file, List.of(line(sleeper.toHandle(), "launcher")));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new LeftoverProcesses(file, "test run").takeOver());

        assertTrue(refused.getMessage().startsWith("Another test run is active (launcher pid " + sleeper.pid()),
                refused.getMessage());
        assertTrue(sleeper.isAlive());
    }

    @Test
    void aCleanEndForgetsTheRecords() throws IOException {
        Path file = directory.resolve("processes");
        LeftoverProcesses leftovers = new LeftoverProcesses(file, "test run");
        leftovers.takeOver();
        assertTrue(Files.readString(file).contains("\tlauncher"));

        leftovers.clear();

        assertFalse(Files.exists(file));
    }

    private static String line(ProcessHandle process, String name) {
        return process.pid() + "\t" + process.info().startInstant().orElseThrow() + "\t" + name;
    }
}
