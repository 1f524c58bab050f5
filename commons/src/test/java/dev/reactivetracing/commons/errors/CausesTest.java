package dev.reactivetracing.commons.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;

import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void findsACauseAtAnyDepthAndTheRoot() {
        ConnectException refused = new ConnectException("refused");
        RuntimeException wrapped = new RuntimeException(new IllegalStateException(refused));
        assertTrue(Causes.causedBy(wrapped, IOException.class));
        assertSame(refused, Causes.find(wrapped, ConnectException.class).orElseThrow());
        assertFalse(Causes.causedBy(wrapped, ArithmeticException.class));
        assertSame(refused, Causes.root(wrapped));
        assertEquals(3, Causes.chain(wrapped).size());
    }

    @Test
    void aChainThatLoopsEndsWhereItWouldRepeat() {
        LoopingFailure first = new LoopingFailure();
        LoopingFailure second = new LoopingFailure();
        first.next = second;
        second.next = first;
        assertEquals(List.of(first, second), Causes.chain(first));
        assertFalse(Causes.causedBy(first, IOException.class));
        assertSame(second, Causes.root(first));
    }

    @Test
    void aVeryDeepChainIsCutAtTheLimit() {
        Throwable failure = new IOException("bottom");
        for (int depth = 0; depth < 40; depth++) {
            failure = new RuntimeException(failure);
        }
        assertEquals(Causes.MAX_DEPTH, Causes.chain(failure).size());
    }

    private static final class LoopingFailure extends RuntimeException {
        private Throwable next;

        @Override
        public synchronized Throwable getCause() {
            return next;
        }
    }
}
