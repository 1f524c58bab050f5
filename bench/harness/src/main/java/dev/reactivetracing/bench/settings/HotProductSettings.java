package dev.reactivetracing.bench.settings;

import java.util.List;

/**
 * The hot-product job (bench/README.md, "Hot product").
 *
 * @param stock units of the flash-sale product in each burst
 * @param buyers orders sent at once in each burst, one unit each
 * @param warmBursts bursts after the warm-up, per burst mode
 * @param burstModes tracing modes of the pairs the bursts run on (each pair starts fresh: its first burst is cold)
 * @param rampModes tracing modes on whose pair the rising rate runs (hot beside spread)
 * @param rampFractions the rate of each step, as a fraction of the closed-model max of spread one-item orders
 * @param stepSeconds how long each step lasts
 * @param rampRounds rising-rate runs per distribution, alternating which goes first
 * @param warmupSeconds load before the first warm measurement (wrk, one-item orders spread over the catalog)
 * @param timeoutSeconds an order not answered within this counts as failed in the rising rate
 * @param connections HTTP connections of the open-model load generator
 */
public record HotProductSettings(int stock, int buyers, int warmBursts, List<Mode> burstModes, List<Mode> rampModes,
        List<Double> rampFractions, int stepSeconds, int rampRounds, int warmupSeconds, int timeoutSeconds,
        int connections) {

    public HotProductSettings {
        burstModes = List.copyOf(burstModes);
        rampModes = List.copyOf(rampModes);
        rampFractions = List.copyOf(rampFractions);
        if (stock <= 0 || buyers <= stock) {
            throw new IllegalArgumentException("--hot-buyers must exceed --hot-stock (" + buyers + " vs " + stock + ")");
        }
        for (int i = 1; i < rampFractions.size(); i++) {
            if (rampFractions.get(i) <= rampFractions.get(i - 1)) {
                throw new IllegalArgumentException("--hot-steps must rise, got " + rampFractions);
            }
        }
    }

    /** All the pairs the job starts: the burst modes and the ramp modes. */
    public List<Mode> pairModes() {
        return java.util.stream.Stream.concat(burstModes.stream(), rampModes.stream()).distinct().toList();
    }
}
