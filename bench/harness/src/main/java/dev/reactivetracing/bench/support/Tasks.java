package dev.reactivetracing.bench.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Waiting, and running tasks side by side. */
public final class Tasks {

    private Tasks() {
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", interrupted);
        }
    }

    /** Runs {@code task} for 0 .. count-1 on virtual threads and waits for them all; the first failure is thrown. */
    public static void inParallel(int count, IntConsumer task) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(executor.submit(() -> task.accept(index)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception failure) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    public static double msSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
