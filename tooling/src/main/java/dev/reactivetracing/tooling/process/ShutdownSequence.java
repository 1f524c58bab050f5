package dev.reactivetracing.tooling.process;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Stops what a launcher started in the reverse order of starting, once, typically from the JVM's shutdown hook
 * (Ctrl-C, SIGTERM, System.exit). Reverse order is the safe one: order-service stops before the inventory-service it
 * calls, the services flush their last spans before the receiver goes, and PostgreSQL goes last. Used by bin/run
 * (local-run) and bin/bench.
 */
public final class ShutdownSequence implements Runnable {

    private final Deque<Step> steps = new ArrayDeque<>();
    private final PrintStream out;
    private boolean started;

    private record Step(String name, Runnable stop) {
    }

    /** Reports each step on standard output. */
    public ShutdownSequence() {
        this(System.out);
    }

    public ShutdownSequence(PrintStream out) {
        this.out = out;
    }

    /** Registers how to stop something that just started. If the shutdown has begun already, stops it right away. */
    public void add(String name, Runnable stop) {
        synchronized (this) {
            if (!started) {
                steps.push(new Step(name, stop));
                return;
            }
        }
        runStep(new Step(name, stop));
    }

    public synchronized boolean hasStarted() {
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
        out.println();
        toRun.forEach(this::runStep);
        stopRemainingChildren();
        out.println("Stopped.");
    }

    private void runStep(Step step) {
        long start = System.nanoTime();
        out.print("Stopping " + step.name() + "... ");
        out.flush();
        try {
            step.stop().run();
            out.printf("done (%.1f s)%n", (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException failure) {
            out.println("failed: " + failure.getMessage());
        }
    }

    /**
     * The safety net: whatever child process is still running now (one that was starting when the shutdown began, or
     * did not stop in time) is terminated, and killed if it does not exit within a few seconds.
     */
    private void stopRemainingChildren() {
        List<ProcessHandle> remaining = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        if (remaining.isEmpty()) {
            return;
        }
        out.println("Stopping " + remaining.size() + " remaining child process(es): " + remaining.stream()
                .map(process -> process.pid() + " " + process.info().command().orElse("?")).toList());
        remaining.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : remaining) {
            ProcessStop.awaitExit(process, Duration.ofSeconds(10));
        }
    }
}
