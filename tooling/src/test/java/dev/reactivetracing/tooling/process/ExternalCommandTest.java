package dev.reactivetracing.tooling.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalCommandTest {

    @TempDir
    Path directory;

    @Test
    void returnsTheOutputAndAppendsItToTheLog() throws IOException {
        Path log = directory.resolve("commands.log");

        ExternalCommand.Result result = ExternalCommand.run(List.of("bash", "-c", "echo \"hello $WHO\""),
                Map.of("WHO", "bench"), log, Duration.ofSeconds(10), false);

        assertEquals(0, result.exitCode());
        assertEquals("hello bench\n", result.output());
        assertTrue(Files.readString(log).contains("hello bench"));
    }

    @Test
    void aFailingCommandFailsUnlessAllowed() {
        Path log = directory.resolve("commands.log");
        List<String> failing = List.of("bash", "-c", "echo broken; exit 3");

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ExternalCommand.run(failing, Map.of(), log, Duration.ofSeconds(10), false));

        assertTrue(failure.getMessage().contains("exited with 3: broken"), failure.getMessage());
        assertEquals(3, ExternalCommand.run(failing, Map.of(), log, Duration.ofSeconds(10), true).exitCode());
    }

    @Test
    void aCommandThatOverrunsItsLimitIsKilled() {
        long start = System.nanoTime();

        assertThrows(IllegalStateException.class, () -> ExternalCommand.run(List.of("sleep", "30"), Map.of(),
                directory.resolve("commands.log"), Duration.ofMillis(300), false));

        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void measuresTheCpuTimeOfTheCommandAndItsChildren() {
        ExternalCommand.Result result = ExternalCommand.runTimed(
                // A subshell (a child of the command) busy until it has used 0.5 s of CPU (50 ticks of
                // utime + stime in /proc), however busy the machine: a wall-clock loop on $SECONDS could end
                // after a few ms when started just before a second boundary.
                List.of("bash", "-c",
                        "(while read -r -a s < /proc/$BASHPID/stat && (( s[13] + s[14] < 50 )); do :; done)"),
                Map.of(),
                directory.resolve("commands.log"), Duration.ofSeconds(20), false);

        assertTrue(result.cpuSeconds() > 0.2, "CPU seconds " + result.cpuSeconds());
    }

    @Test
    void readsBashTimesAfterTheMark() {
        String output = "wrk output\n\nEXTERNAL-COMMAND-CPU\n0m0.001s 0m0.002s\n1m2.500s 0m0.250s\n";

        assertEquals(62.75, ExternalCommand.childrenCpuSeconds(output), 1e-9);
    }
}
