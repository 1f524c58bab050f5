package dev.reactivetracing.tooling.process;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping a process: a graceful SIGTERM first, SIGKILL only for a process that overruns its grace period. */
public final class ProcessStop {

    /** How long a killed process is given to disappear. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private ProcessStop() {
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns once the process is gone (or did not go after SIGKILL). */
    public static void terminate(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        awaitExit(process, grace);
    }

    /** Waits for {@code process} to exit, killing it if it takes longer than {@code grace}. */
    public static void awaitExit(ProcessHandle process, Duration grace) {
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException overdue) {
            kill(process);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL, and a short wait for the process to disappear. */
    public static void kill(ProcessHandle process) {
        process.destroyForcibly();
        try {
            process.onExit().get(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillThere) {
            // nothing more can be done: the caller's checks report it
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
