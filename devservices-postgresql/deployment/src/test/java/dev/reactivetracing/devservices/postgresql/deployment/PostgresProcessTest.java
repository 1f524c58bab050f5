package dev.reactivetracing.devservices.postgresql.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresProcessTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aServerIsGoingAwayWhenItsPidFileSaysStoppingOrItIsGone() throws IOException, InterruptedException {
        ProcessHandle running = ProcessHandle.current();
        Path pidFile = dataDirectory.resolve("postmaster.pid");

        Files.writeString(pidFile, pidFile(running.pid(), "ready"));
        assertFalse(PostgresProcess.isGoingAway(running, pidFile), "ready");

        Files.writeString(pidFile, pidFile(running.pid(), "stopping"));
        assertTrue(PostgresProcess.isGoingAway(running, pidFile), "stopping");

        Files.delete(pidFile);
        assertTrue(PostgresProcess.isGoingAway(running, pidFile), "the file goes last, as the server exits");

        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        assertTrue(PostgresProcess.isGoingAway(exited.toHandle(), pidFile), "gone");
        assertFalse(PostgresProcess.isGoingAway(null, pidFile), "not known: pg_ctl decides");
    }

    /** The layout PostgreSQL writes: pid, data directory, start time, port, socket dir, listen address, shmem, status. */
    private String pidFile(long pid, String status) {
        return String.join("\n", Long.toString(pid), dataDirectory.toString(), "1764500000", "5432", "/tmp", "*",
                "  1234567     98304", status) + "\n";
    }
}
