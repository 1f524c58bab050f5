package dev.reactivetracing.tooling.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void readsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        String stat = "4242 (postgres: a (b) c) S 1 1 1 0 -1 0 0 0 0 0 150 50 1000 200 20 0 1 0 100";

        assertEquals(2.0, ProcStats.cpuSeconds(stat, false), 1e-9);
        assertEquals(14.0, ProcStats.cpuSeconds(stat, true), 1e-9);
    }

    @Test
    void readsTheMemoryOfThisProcess() {
        ProcStats.Memory memory = ProcStats.memory(ProcessHandle.current().pid());

        assertTrue(memory.rssKb() > 0 && memory.peakRssKb() >= memory.rssKb() && memory.rssAnonKb() > 0,
                memory.toString());
    }

    @Test
    void schedstatsSecondFieldIsTheRunQueueWait() {
        assertEquals(57_504_089L, ProcStats.waitNanos("135111722 57504089 698\n"));
    }

    @Test
    void readsTheRunQueueWaitOfThisProcessAndNoneOfAProcessThatIsGone() {
        // Every woken thread waits some nanoseconds before it runs: a live JVM's threads have waited more than 0.
        assertTrue(ProcStats.runQueueSeconds(ProcessHandle.current().pid()) > 0);
        assertEquals(0, ProcStats.runQueueSeconds(Long.MAX_VALUE), "a process that is gone");
    }
}
