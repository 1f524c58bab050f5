package dev.reactivetracing.commons.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void allowsOneSecondsWorthAtOnceThenRefillsOverTime() {
        RateLimiter limiter = new RateLimiter(10, nanos::get);
        assertEquals(10, acquired(limiter, 50), "a full bucket at start");

        nanos.addAndGet(100_000_000L); // 100 ms: one permit at 10/s
        assertEquals(1, acquired(limiter, 50));

        nanos.addAndGet(10_000_000_000L); // long idle: the bucket is capped at one second's worth
        assertEquals(10, acquired(limiter, 50));
    }

    @Test
    void fractionalRatesStillAllowOneAtATime() {
        RateLimiter limiter = new RateLimiter(0.5, nanos::get);
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
        nanos.addAndGet(2_000_000_000L);
        assertTrue(limiter.tryAcquire());
    }

    @Test
    void zeroAllowsNothing() {
        RateLimiter limiter = new RateLimiter(0, nanos::get);
        nanos.addAndGet(60_000_000_000L);
        assertFalse(limiter.tryAcquire());
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(-1));
    }

    private static int acquired(RateLimiter limiter, int attempts) {
        int acquired = 0;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (limiter.tryAcquire()) {
                acquired++;
            }
        }
        return acquired;
    }
}
