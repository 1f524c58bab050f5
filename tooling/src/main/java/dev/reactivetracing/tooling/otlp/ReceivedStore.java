package dev.reactivetracing.tooling.otlp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What arrived of one signal (spans or metrics), in arrival order, safe to add to from the receiver's request threads
 * while a test reads and waits.
 */
final class ReceivedStore<T> {

    private static final System.Logger LOG = System.getLogger(ReceivedStore.class.getName());

    private final String noun;
    private final Function<T, String> summary;
    private final List<T> items = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<Consumer<List<T>>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param noun what the items are, plural, for the timeout message ("spans")
     * @param summary one line describing an item, for the timeout message
     */
    ReceivedStore(String noun, Function<T, String> summary) {
        this.noun = noun;
        this.summary = summary;
    }

    /** Stores a decoded batch, wakes up waiters, then hands the batch to the listeners on the caller's thread. */
    void add(List<T> batch) {
        List<T> immutableBatch = List.copyOf(batch);
        lock.lock();
        try {
            items.addAll(immutableBatch);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        for (Consumer<List<T>> listener : listeners) {
            try {
                listener.accept(immutableBatch);
            } catch (RuntimeException failure) {
                // A failing listener must not fail the export: the batch is stored, the exporter gets its 200.
                LOG.log(System.Logger.Level.WARNING, "A listener for received " + noun + " failed", failure);
            }
        }
    }

    void addListener(Consumer<List<T>> listener) {
        listeners.add(listener);
    }

    List<T> snapshot() {
        lock.lock();
        try {
            return List.copyOf(items);
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            items.clear();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns everything received once {@code condition} holds for it; on timeout, fails with a dump of what did
     * arrive, which is what one needs to see why the condition did not hold.
     */
    List<T> await(Predicate<List<T>> condition, Duration timeout) {
        long remainingNanos = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                List<T> received = List.copyOf(items);
                if (condition.test(received)) {
                    return received;
                }
                if (remainingNanos <= 0) {
                    throw new AssertionError(timeoutMessage(received, timeout));
                }
                remainingNanos = arrived.awaitNanos(remainingNanos);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + noun, interrupted);
        } finally {
            lock.unlock();
        }
    }

    private String timeoutMessage(List<T> received, Duration timeout) {
        StringBuilder message = new StringBuilder("The condition on the received ").append(noun)
                .append(" did not hold within ").append(timeout).append(". Received ").append(received.size())
                .append(' ').append(noun).append(received.isEmpty() ? "." : ":");
        for (T item : received) {
            message.append(System.lineSeparator()).append("  ").append(summary.apply(item));
        }
        return message.toString();
    }
}
