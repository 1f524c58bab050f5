package dev.reactivetracing.bench.jobs;

import java.util.Map;

import dev.reactivetracing.bench.report.Results;
import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.system.Infrastructure;
import dev.reactivetracing.bench.system.ServicePairs;

/** What every job gets: the infrastructure, the service launcher, the results, and the run's failure flag. */
public final class RunContext {

    private final Infrastructure infrastructure;
    private final ServicePairs pairs;
    private final Results results;
    private volatile boolean failuresSeen;

    public RunContext(Infrastructure infrastructure, Results results) {
        this.infrastructure = infrastructure;
        this.pairs = new ServicePairs(infrastructure);
        this.results = results;
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    public Settings settings() {
        return infrastructure.settings();
    }

    public ServicePairs pairs() {
        return pairs;
    }

    public Results results() {
        return results;
    }

    /** A run with more than 1 % of its requests failed (or none at all) fails the whole invocation. */
    public void checkFailures(Map<String, Object> run, String what) {
        long total = ((Number) run.getOrDefault("total", 0)).longValue();
        long failed = ((Number) run.getOrDefault("failed", 0)).longValue();
        if (total == 0 || failed > total / 100) {
            markFailed();
            System.out.print("[" + what + ": " + failed + " of " + total + " requests failed] ");
        }
    }

    public void markFailed() {
        failuresSeen = true;
    }

    public boolean failuresSeen() {
        return failuresSeen;
    }
}
