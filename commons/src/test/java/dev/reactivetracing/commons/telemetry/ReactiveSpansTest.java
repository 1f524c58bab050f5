package dev.reactivetracing.commons.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class ReactiveSpansTest {

    @Test
    void causeChainNamesEveryCauseOutermostFirst() {
        Throwable failure = new IllegalStateException("save failed",
                new RuntimeException(new IOException("connection reset")));
        assertEquals("java.lang.IllegalStateException: save failed <- java.lang.RuntimeException: "
                + "java.io.IOException: connection reset <- java.io.IOException: connection reset",
                ReactiveSpans.causeChain(failure));
    }
}
