package dev.reactivetracing.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class TraceResponseTest {

    @Test
    void readsTraceIdSpanIdAndTheSampledFlag() {
        assertEquals(Optional.of(new TraceResponse("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true)),
                TraceResponse.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertEquals(Optional.of(new TraceResponse("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", false)),
                TraceResponse.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"));
    }

    @Test
    void missingMalformedOrInvalidValuesAreEmpty() {
        assertTrue(TraceResponse.parse(null).isEmpty());
        assertTrue(TraceResponse.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01").isEmpty());
        assertTrue(TraceResponse.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").isEmpty());
        assertTrue(TraceResponse.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01").isEmpty());
    }
}
