package dev.reactivetracing.bench.system;

import java.time.Duration;

import dev.reactivetracing.bench.support.Tasks;

/**
 * Waits until a pair's outbox relay has delivered every event the load created (bounded): the relay keeps working
 * after the load stops, and its HTTP calls and SQL would otherwise be counted against whichever pair is measured next,
 * and take cores from it.
 */
public final class OutboxDrain {

    private static final String PENDING = "SELECT count(*) FROM outbox WHERE published_at IS NULL AND failed_at IS NULL";

    private OutboxDrain() {
    }

    /** How many events a run left for the relay, and how long the relay took to deliver them. */
    public record Drained(long pendingAtEnd, double seconds) {
    }

    public static Drained await(Infrastructure infrastructure, ServicePair pair) {
        long atEnd = pending(infrastructure, pair);
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(infrastructure.settings().smoke() ? 30 : 300).toNanos();
        long left = atEnd;
        while (left > 0 && System.nanoTime() < deadline) {
            Tasks.sleep(Duration.ofMillis(200));
            left = pending(infrastructure, pair);
        }
        if (left > 0) {
            System.out.print("[outbox of " + pair.name() + " not drained: " + left + " events left] ");
        }
        return new Drained(atEnd, (System.nanoTime() - start) / 1e9);
    }

    public static long pending(Infrastructure infrastructure, ServicePair pair) {
        return Long.parseLong(infrastructure.postgres().queryForString(pair.orderDb(), PENDING));
    }
}
