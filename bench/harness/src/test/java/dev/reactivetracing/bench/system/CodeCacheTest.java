package dev.reactivetracing.bench.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeCacheTest {

    @TempDir
    Path logs;

    @Test
    void oneCodeHeap() {
        CodeCache cache = CodeCache.parse("""
                16998:
                CodeCache: size=49152Kb used=19650Kb max_used=21883Kb free=29501Kb
                 bounds [0x00007fcbe4600000, 0x00007fcbe5b90000, 0x00007fcbe7600000]
                 total_blobs=9862, nmethods=9100, adapters=666, full_count=0
                Compilation: enabled, stopped_count=0, restarted_count=0
                """);
        assertEquals(new CodeCache(9100, 19650), cache);
    }

    @Test
    void segmentedCodeHeapsAreSummedUpByTheCodeCacheLine() {
        CodeCache cache = CodeCache.parse("""
                CodeHeap 'non-profiled nmethods': size=120032Kb used=3000Kb max_used=3500Kb free=117032Kb
                CodeHeap 'profiled nmethods': size=120028Kb used=9000Kb max_used=9100Kb free=111028Kb
                CodeHeap 'non-nmethods': size=5700Kb used=1500Kb max_used=1600Kb free=4200Kb
                CodeCache: size=245760Kb, used=13500Kb, max_used=14200Kb, free=232260Kb
                 total_blobs=6000, nmethods=5200, adapters=700, full_count=0
                """);
        assertEquals(5200, cache.methods());
        assertEquals(13500, cache.usedKb());
    }

    @Test
    void outputWithoutTheFiguresIsUnknown() {
        assertEquals(CodeCache.UNKNOWN, CodeCache.parse("42: Could not attach"));
    }

    @Test
    void readsThisJvmAndGivesUnknownForAProcessThatIsGone() {
        CodeCache live = CodeCache.of(ProcessHandle.current().pid(), logs.resolve("jcmd.log"));
        assertTrue(live.methods() > 0, live.toString());
        assertEquals(CodeCache.UNKNOWN, CodeCache.of(Long.MAX_VALUE, logs.resolve("jcmd.log")));
    }
}
