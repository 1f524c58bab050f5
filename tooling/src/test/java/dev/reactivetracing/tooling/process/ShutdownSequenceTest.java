package dev.reactivetracing.tooling.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ShutdownSequenceTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ShutdownSequence shutdown = new ShutdownSequence(new PrintStream(printed, true,
            StandardCharsets.UTF_8));

    @Test
    void stopsInTheReverseOrderOfStartingAndOnlyOnce() {
        List<String> stopped = new ArrayList<>();
        shutdown.add("PostgreSQL", () -> stopped.add("PostgreSQL"));
        shutdown.add("inventory-service", () -> stopped.add("inventory-service"));
        shutdown.add("order-service", () -> stopped.add("order-service"));

        shutdown.run();
        shutdown.run();

        assertEquals(List.of("order-service", "inventory-service", "PostgreSQL"), stopped);
        assertTrue(shutdown.hasStarted());
    }

    @Test
    void aFailingStepDoesNotKeepTheOthersFromRunning() {
        List<String> stopped = new ArrayList<>();
        shutdown.add("PostgreSQL", () -> stopped.add("PostgreSQL"));
        shutdown.add("broken", () -> {
            throw new IllegalStateException("will not stop");
        });

        shutdown.run();

        assertEquals(List.of("PostgreSQL"), stopped);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Stopping broken... failed: will not stop"));
    }

    @Test
    void somethingStartedAfterTheShutdownBeganIsStoppedAtOnce() {
        List<String> stopped = new ArrayList<>();
        shutdown.run();

        shutdown.add("late", () -> stopped.add("late"));

        assertEquals(List.of("late"), stopped);
    }
}
