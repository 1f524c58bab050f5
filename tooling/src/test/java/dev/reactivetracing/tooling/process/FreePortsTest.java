package dev.reactivetracing.tooling.process;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void neverHandsOutTheSamePortTwice() {
        // Closed at once, as when the services they are for have not bound them yet: the system may offer any of
        // them again, FreePorts may not.
        Set<Integer> ports = new HashSet<>();
        IntStream.range(0, 500).forEach(i -> ports.add(FreePorts.find()));

        assertEquals(500, ports.size());
    }

    @Test
    void aPortHandedOutIsFreeToBind() {
        int port = FreePorts.find();

        assertDoesNotThrow(() -> new ServerSocket(port).close());
    }
}
