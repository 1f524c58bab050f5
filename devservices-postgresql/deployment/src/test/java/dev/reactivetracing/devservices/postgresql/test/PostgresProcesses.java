package dev.reactivetracing.devservices.postgresql.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the tests need to know about a PostgreSQL server process after its Dev Service stopped. */
final class PostgresProcesses {

    private PostgresProcesses() {
    }

    /**
     * Whether the process runs. An exited process that its parent has not reaped yet (a zombie) does not, though the
     * JDK calls it alive: the server is started detached, so its parent is not this JVM.
     */
    static boolean isRunning(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
                return state != 'Z' && state != 'X';
            } catch (IOException | RuntimeException noProcFileSystem) {
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }
        }
        return false;
    }

    /** Whether the process stops within {@code timeout}: the Dev Service stops it when the application stops. */
    static boolean stopsWithin(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
