package dev.reactivetracing.localrun;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops what the run started in the reverse order of starting, once, from the JVM's shutdown hook (Ctrl-C, SIGTERM,
 * System.exit). Reverse order is the safe one: order-service stops before the inventory-service it calls, the services
 * flush their last spans before the receiver goes, and PostgreSQL goes last.
 */
final class ShutdownSequence implements Runnable {

    private final Deque<Step> steps = new ArrayDeque<>();
    private boolean started;

    private record Step(String name, Runnable stop) {
    }

    /** Registers how to stop something that just started. If the shutdown has begun already, stops it right away. */
    void add(String name, Runnable stop) {
        synchronized (this) {
            if (!started) {
                steps.push(new Step(name, stop));
                return;
            }
        }
        runStep(new Step(name, stop));
    }

    synchronized boolean hasStarted() {
        return started;
    }

    @Override
    public void run() {
        List<Step> toRun;
        synchronized (this) {
            if (started) {
                return;
            }
            started = true;
            toRun = new ArrayList<>(steps);
        }
        if (toRun.isEmpty() && ProcessHandle.current().children().findAny().isEmpty()) {
            return; // nothing was started: nothing to report
        }
        System.out.println();
        toRun.forEach(ShutdownSequence::runStep);
        stopRemainingChildren();
        System.out.println("Stopped.");
    }

    private static void runStep(Step step) {
        long start = System.nanoTime();
        System.out.print("Stopping " + step.name() + "... ");
        System.out.flush();
        try {
            step.stop().run();
            System.out.printf("done (%.1f s)%n", (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException failure) {
            System.out.println("failed: " + failure.getMessage());
        }
    }

    /**
     * The safety net: whatever child process is still running now (one that was starting when the shutdown began, or
     * did not stop in time) is terminated, and killed if it does not exit within a few seconds.
     */
    private static void stopRemainingChildren() {
        List<ProcessHandle> remaining = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        if (remaining.isEmpty()) {
            return;
        }
        System.out.println("Stopping " + remaining.size() + " remaining child process(es): " + remaining.stream()
                .map(process -> process.pid() + " " + process.info().command().orElse("?")).toList());
        remaining.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : remaining) {
            awaitExit(process, Duration.ofSeconds(10));
        }
    }

    /** Waits for {@code process} to exit, killing it if it takes longer than {@code grace}. */
    static void awaitExit(ProcessHandle process, Duration grace) {
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException overdue) {
            process.destroyForcibly();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
