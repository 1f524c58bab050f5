package dev.reactivetracing.bench.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Path ROOT = Path.of("/repo");
    private static final ShippedJvm SHIPPED = new ShippedJvm(List.of("-XX:+UseSerialGC", "-Xmx96m"),
            List.of("MALLOC_ARENA_MAX=2"), ROOT.resolve(ShippedJvm.DOCKERFILE));

    private static Settings parse(String... arguments) {
        return Settings.parse(arguments, ROOT, SHIPPED);
    }

    @Test
    void theFullRunMeasuresEveryJobWithEveryModeAndTheIsolationVariants() {
        Settings settings = parse();

        assertEquals(Set.of(Job.values()), settings.jobs());
        assertEquals(List.of("off", "full", "tenth", "zero", "tenth_no_server_spans", "tenth_no_http_metrics",
                "tenth_no_forced_traces", "tenth_patched_extension", "tenth_tracecontext_only"),
                settings.setups().stream().map(Setup::key).toList());
        Setup patched = settings.setups().get(7);
        assertEquals(Optional.of("bench/otel-patch/target/bench-otel-patch.jar"), patched.extensionPatch());
        assertFalse(patched.needsBuild(), "the patch jar is built with the benchmark, not by the harness");
        assertTrue(patched.environment().stream().allMatch(Setup::isHarnessEntry), "nothing for the services' environment");
        Setup tracecontextOnly = settings.setups().getLast();
        assertEquals(List.of("quarkus.otel.propagators=tracecontext"), tracecontextOnly.buildProperties());
        assertTrue(tracecontextOnly.needsBuild());
        assertEquals(3, settings.minRounds());
        assertEquals(9, settings.maxRounds());
        assertEquals(ROOT.resolve("bench/results"), settings.out());
    }

    @Test
    void theServicesRunWithTheJvmImagesOptionsUnlessToldOtherwise() {
        assertEquals(SHIPPED.jvmOptions(), parse().serviceJvmOptions());
        assertEquals(List.of("MALLOC_ARENA_MAX=2"), parse().serviceJvmEnvironment());
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC"), parse("--jvm-options", " -Xmx1g  -XX:+UseG1GC ")
                .serviceJvmOptions());
        assertEquals(List.of(), parse("--jvm-env", "").serviceJvmEnvironment());
    }

    @Test
    void smokeModeIsShortWritesElsewhereAndRunsOneRound() {
        Settings settings = parse("--smoke");

        assertTrue(settings.smoke());
        assertEquals(ROOT.resolve("bench/target/smoke-results"), settings.out());
        assertEquals(1, settings.minRounds());
        assertEquals(1, settings.maxRounds());
        assertEquals(List.of(0.3, 0.6), settings.hot().rampFractions());
        assertEquals(2, settings.throughputSeconds());
        assertFalse(settings.setups().stream().anyMatch(Setup::needsBuild), "no build in smoke mode");
        assertTrue(settings.setups().stream().anyMatch(setup -> setup.extensionPatch().isPresent()),
                "the patched extension runs in smoke mode too, so that it cannot rot");
    }

    @Test
    void hotProductAloneRunsOnlyThatJob() {
        Settings settings = parse("--hot-product", "--hot-steps", "0.5,1.0,1.5", "--hot-ramp-modes", "off,tenth",
                "--hot-bursts", "2", "--hot-warmup", "30");

        assertEquals(Set.of(Job.HOT_PRODUCT), settings.jobs());
        assertEquals(List.of(0.5, 1.0, 1.5), settings.hot().rampFractions());
        assertEquals(List.of(Mode.OFF, Mode.TENTH), settings.hot().rampModes());
        assertEquals(List.of(Mode.OFF, Mode.TENTH), settings.hot().pairModes());
        assertEquals(2, settings.hot().warmBursts());
        assertEquals(30, settings.hot().warmupSeconds());
        assertEquals("full, hot product only", settings.kind());
        assertEquals(ROOT.resolve("bench/results/hot-product"), settings.out(), "never over the full run's results");
        assertEquals(Path.of("/tmp/hot").toAbsolutePath(), parse("--hot-product", "--out", "/tmp/hot").out());
    }

    @Test
    void aVariantIsParsedWithItsEnvironmentAndComparedWithItsMode() {
        Settings settings = parse("--variant", "pool5:tenth:QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=5,"
                + "JAVA_TOOL_OPTIONS=-Xmx64m -Da=b,c", "--no-isolation");

        Setup variant = settings.setups().getLast();
        assertEquals("pool5", variant.key());
        assertEquals(Mode.TENTH, variant.mode());
        assertEquals(Setup.Kind.VARIANT, variant.kind());
        assertEquals(List.of("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=5", "JAVA_TOOL_OPTIONS=-Xmx64m -Da=b,c"),
                variant.environment());
        assertTrue(variant.measuresLatency());
        assertFalse(settings.setups().stream().anyMatch(setup -> setup.kind() == Setup.Kind.ISOLATION));
    }

    @Test
    void maxRunsIsNeverBelowRuns() {
        assertEquals(11, parse("--runs", "11").maxRounds());
        assertEquals(4, parse("--runs", "2", "--max-runs", "4").maxRounds());
    }

    @Test
    void forksRunTheirRoundsEachWithoutAddingAny() {
        assertEquals(1, parse().forks());
        Settings forked = parse("--forks", "6", "--runs", "2");
        assertEquals(6, forked.forks());
        assertEquals(2, forked.maxRounds(), "every fork runs --runs rounds");
        assertThrows(IllegalArgumentException.class, () -> parse("--forks", "6", "--max-runs", "9"),
                "--max-runs adds rounds to one pair");
    }

    @Test
    void invalidArgumentsAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> parse("--modes", "full,tenth"));
        assertThrows(IllegalArgumentException.class, () -> parse("--modes", "off,full"));
        assertThrows(IllegalArgumentException.class, () -> parse("--runs", "0"));
        assertThrows(IllegalArgumentException.class, () -> parse("--runs", "many"));
        assertThrows(IllegalArgumentException.class, () -> parse("--duration"));
        assertThrows(IllegalArgumentException.class, () -> parse("--modes", "off,half"));
        assertThrows(IllegalArgumentException.class, () -> parse("--hot-steps", "0.5,0.4"));
        assertThrows(IllegalArgumentException.class, () -> parse("--hot-buyers", "10"));
        assertThrows(IllegalArgumentException.class, () -> parse("--variant", "Bad:off:A=1"));
        assertThrows(IllegalArgumentException.class, () -> parse("--variant", "x:full:A=1", "--modes",
                "off,tenth"));
        assertThrows(IllegalArgumentException.class, () -> parse("--frobnicate"));
        assertThrows(IllegalArgumentException.class, () -> parse("--forks", "0"));
    }
}
