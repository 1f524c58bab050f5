package dev.reactivetracing.commons.telemetry;

import java.util.function.LongSupplier;

/** A token bucket: at most {@code permitsPerSecond} on average, bursts up to one second's worth. */
public final class RateLimiter {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double permitsPerSecond;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double availablePermits;
    private long lastRefillNanos;

    public RateLimiter(double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime);
    }

    RateLimiter(double permitsPerSecond, LongSupplier nanoClock) {
        if (permitsPerSecond < 0) {
            throw new IllegalArgumentException("permitsPerSecond must be >= 0, was " + permitsPerSecond);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.capacity = Math.max(1d, permitsPerSecond);
        this.nanoClock = nanoClock;
        this.availablePermits = permitsPerSecond > 0 ? capacity : 0;
        this.lastRefillNanos = nanoClock.getAsLong();
    }

    public synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        availablePermits = Math.min(capacity, availablePermits + (now - lastRefillNanos) / NANOS_PER_SECOND * permitsPerSecond);
        lastRefillNanos = now;
        if (availablePermits >= 1d) {
            availablePermits -= 1d;
            return true;
        }
        return false;
    }
}
