package dev.reactivetracing.tooling.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time, memory and run-queue wait of a process, from Linux's /proc (what the benchmark and the memory checks
 * measure).
 */
public final class ProcStats {

    /** Clock ticks per second of /proc/PID/stat's times (USER_HZ, 100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {
    }

    /** Resident memory of a process in kB: the whole set, its anonymous part (heap, metaspace, stacks, malloc), peak. */
    public record Memory(long rssKb, long rssAnonKb, long peakRssKb) {
    }

    public static Memory memory(long pid) {
        try {
            long rss = -1;
            long anon = -1;
            long peak = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("RssAnon:")) {
                    anon = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line);
                }
            }
            if (rss < 0) {
                throw new IllegalStateException("VmRSS not in /proc/" + pid + "/status");
            }
            return new Memory(rss, anon, peak);
        } catch (IOException failure) {
            throw new UncheckedIOException("Cannot read the memory of process " + pid, failure);
        }
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").trim());
    }

    /**
     * CPU seconds (user + system) the process has used so far; with {@code withReapedChildren}, plus those of the
     * children it has waited for (a PostgreSQL backend that exited is counted in its postmaster's). 0 once it is gone.
     */
    public static double cpuSeconds(long pid, boolean withReapedChildren) {
        try {
            return cpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")), withReapedChildren);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The same, from the text of /proc/PID/stat (the command name may hold spaces and parentheses). */
    static double cpuSeconds(String stat, boolean withReapedChildren) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withReapedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** CPU seconds of a process as the JDK reports them (any OS), 0 if unknown. */
    public static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(duration -> duration.toNanos() / 1e9).orElse(0.0);
    }

    /**
     * Seconds the process's threads have waited in a run queue (ready to run, no CPU free): the second field of each
     * {@code /proc/PID/task/TID/schedstat}. Threads that have ended are not counted (a JVM's serving threads live as
     * long as it does). 0 if the process is gone.
     */
    public static double runQueueSeconds(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.mapToLong(task -> {
                try {
                    return waitNanos(Files.readString(task.resolve("schedstat")));
                } catch (IOException | RuntimeException ended) {
                    return 0;
                }
            }).sum() / 1e9;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** {@code schedstat}: time on a CPU, time waiting in a run queue (both ns), time slices run. */
    static long waitNanos(String schedstat) {
        return Long.parseLong(schedstat.trim().split("\\s+")[1]);
    }
}
