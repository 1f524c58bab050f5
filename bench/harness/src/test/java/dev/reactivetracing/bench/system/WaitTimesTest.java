package dev.reactivetracing.bench.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.bench.system.WaitTimes.Gc;

class WaitTimesTest {

    /** {@code jstat -gc} of a JDK 25 JVM (G1: concurrent cycles, left out of the pauses). */
    private static final String JSTAT_GC = """
                S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC \
                        MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT
                    0.0     20480.0         0.0     18257.1     266240.0      94208.0     286720.0     211158.8   178240.0 \
                  175686.1   24384.0   23193.9     27     0.946     2     0.054    10     0.121     1.066
            """;

    @Test
    void stoppingCollectionsAreYoungAndFullOnes() {
        Gc gc = WaitTimes.parseJstatGc(JSTAT_GC);
        assertEquals(29, gc.collections());
        assertEquals(1.000, gc.pauseSeconds(), 1e-9);
    }

    @Test
    void unreadableJstatOutputGivesNoFigure() {
        assertEquals(Gc.UNKNOWN, WaitTimes.parseJstatGc("12345 not found"));
        assertEquals(Gc.UNKNOWN, WaitTimes.parseJstatGc("YGC YGCT\n3 -\n"));
        WaitTimes before = new WaitTimes(0, 0, 0, Gc.UNKNOWN, new Gc(1, 0.01));
        WaitTimes after = new WaitTimes(1, 1, 1, new Gc(4, 0.02), new Gc(3, 0.03));
        Map<String, Object> perOrder = after.minus(before).perOrder(100, 10);
        assertTrue(!perOrder.containsKey("gc_collections_order"), "no GC figure from an unreadable start");
        assertEquals(2L, perOrder.get("gc_collections_inventory"));
        assertEquals(20.0, (Double) perOrder.get("gc_pause_ms_inventory"), 1e-9);
        assertEquals(10.0, (Double) perOrder.get("gc_mean_pause_ms_inventory"), 1e-9);
        assertEquals(0.002, (Double) perOrder.get("gc_stopped_share_inventory"), 1e-9);
        assertEquals(10.0, (Double) perOrder.get("run_queue_ms_per_order_order"), 1e-9);
    }

    @Test
    void readsTheGcCountersOfALiveJvm() {
        long pid = ProcessHandle.current().pid();
        Gc before = WaitTimes.gc(pid);
        assertTrue(before.collections() >= 0, "jstat reads this JVM's counters: " + before);
        System.gc();
        Gc after = WaitTimes.gc(pid);
        assertTrue(after.collections() > before.collections(), "System.gc() is counted: " + before + " -> " + after);
    }
}
