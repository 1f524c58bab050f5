package dev.reactivetracing.devservices.postgresql.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

/** Makes sure a PostgreSQL server process is gone: no server outlives the Dev Service that started it. */
final class PostgresProcess {

    private static final Logger LOG = Logger.getLogger(PostgresProcess.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private PostgresProcess() {
    }

    /** The server that a data directory's {@code postmaster.pid} names, if it runs. */
    static Optional<ProcessHandle> fromPidFile(Path pidFile) {
        try {
            String pid = Files.readString(pidFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
            return ProcessHandle.of(Long.parseLong(pid)).filter(PostgresProcess::isRunning);
        } catch (IOException | RuntimeException noServer) {
            return Optional.empty();
        }
    }

    /**
     * Whether the known server process is already on its way out: it is gone, or its {@code postmaster.pid} says {@code stopping}
     * (PostgreSQL writes its status on the file's eighth line). Ctrl-C in a terminal signals the whole foreground
     * process group, so in dev mode the server often gets SIGINT (its fast shutdown) at the same moment as Quarkus.
     */
    static boolean isGoingAway(ProcessHandle postmaster, Path pidFile) {
        if (postmaster == null) {
            return false; // not known: let pg_ctl stop it
        }
        if (!isRunning(postmaster)) {
            return true;
        }
        try {
            return Files.readString(pidFile, StandardCharsets.UTF_8).lines().skip(7).findFirst()
                    .map(status -> status.trim().equals("stopping")).orElse(false);
        } catch (IOException | RuntimeException noPidFile) {
            return true; // the server removes it last, as it exits
        }
    }

    /**
     * Waits up to {@code timeout} for the server to exit, asking it to stop if nobody did, then kills it and its
     * backends.
     */
    static void stop(ProcessHandle postmaster, Duration timeout, String datasourceDescription) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (isRunning(postmaster)) {
            // SIGTERM: PostgreSQL's smart shutdown; a no-op for a server that pg_ctl is already stopping
            postmaster.destroy();
        }
        while (isRunning(postmaster)) {
            if (System.nanoTime() > deadline) {
                LOG.warnf("The embedded PostgreSQL for the %s (pid %d) did not stop within %s: killing it",
                        datasourceDescription, postmaster.pid(), timeout);
                postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
                postmaster.destroyForcibly();
                return;
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Whether the process still runs. A process that has exited but that its parent has not reaped yet (a zombie,
     * which the JDK reports as alive) does not: pg_ctl starts the server detached, so its parent is not this JVM.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String status = Files.readString(stat, StandardCharsets.UTF_8);
            // pid (command) state ...: the command may contain spaces and parentheses, the state follows the last ')'
            char state = status.substring(status.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException noProcFileSystem) {
            return process.isAlive();
        }
    }
}
