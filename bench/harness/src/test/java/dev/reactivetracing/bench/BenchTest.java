package dev.reactivetracing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.settings.ShippedJvm;

class BenchTest {

    @TempDir
    Path root;

    private Settings settings(String... arguments) {
        return Settings.parse(arguments, root, new ShippedJvm(List.of("-XX:+UseSerialGC"), List.of(),
                root.resolve(ShippedJvm.DOCKERFILE)));
    }

    @Test
    void theTimeLimitFollowsWhatTheSettingsAskFor() {
        assertEquals(Duration.ofMinutes(10), Bench.timeLimit(settings("--smoke")));
        Duration full = Bench.timeLimit(settings());
        // Nine pairs, up to 9 rounds of re-warm + run + two drains each, latency, hot product, start and RSS: the
        // defaults take about 100 minutes, and a limit below 2 hours would stop a run that needs every round.
        assertTrue(full.compareTo(Duration.ofHours(3)) > 0 && full.compareTo(Duration.ofHours(5)) < 0, full.toString());
        assertTrue(Bench.timeLimit(settings("--max-runs", "12")).compareTo(full) > 0, "more rounds, more time");
        Duration oneFork = Bench.timeLimit(settings("--runs", "2", "--max-runs", "2", "--no-hot-product",
                "--no-fresh"));
        Duration sixForks = Bench.timeLimit(settings("--runs", "2", "--forks", "6", "--no-hot-product", "--no-fresh"));
        assertTrue(sixForks.compareTo(oneFork.multipliedBy(3)) > 0, "each fork starts, warms up and measures its "
                + "pairs: " + oneFork + " vs " + sixForks);
        assertTrue(Bench.timeLimit(settings("--no-hot-product", "--no-fresh")).compareTo(full) < 0);
        assertTrue(Bench.timeLimit(settings("--hot-product")).compareTo(Duration.ofMinutes(40)) >= 0,
                "the hot product alone takes about 15 minutes");
    }
}
