package dev.reactivetracing.system.guarantees;

import java.util.function.LongPredicate;

/** A figure the guarantees suite reports at the end of the run, with the promise it must meet. */
enum Figure {

    FAULTS_INJECTED("faults injected", "", value -> true),
    FAULTS_SURVIVED("faults survived", "all injected", value -> true),
    INPUTS_TRIED("hostile inputs tried", ">= 1000 per service", value -> value >= 2000),
    SERVER_ERRORS("5xx answers to bad input", "0", value -> value == 0),
    ORDERS_LOST("orders lost (201 but not stored whole)", "0", value -> value == 0),
    REQUESTS_FAILED_ON_SHUTDOWN("in-flight requests failed on SIGTERM", "0", value -> value == 0),
    EVENTS_CONSUMED_TWICE("events consumed more than once", "0", value -> value == 0),
    UNITS_OVERSOLD("units oversold", "0", value -> value == 0),
    FLASH_SALE_UNAVAILABLE("503 answers in flash-sale bursts", "0", value -> value == 0),
    FLASH_SALE_MISCOUNTED("bursts not selling exactly the stock", "0", value -> value == 0),
    FLASH_SALE_P99_COLD("flash sale p99, first burst after start (ms)", "reported", Aggregate.MAX),
    FLASH_SALE_P99_WARM("flash sale p99, warm (ms)", "reported", Aggregate.MAX),
    FLASH_SALE_ATTEMPTS_PER_SECOND("flash sale attempts/s, slowest burst", "reported", Aggregate.MIN),
    DUPLICATE_ORDERS("duplicate orders for one Idempotency-Key", "0", value -> value == 0),
    REPLICAS_UNAVAILABLE("503 answers while replicas die and restart", "0", value -> value == 0),
    STOCK_HELD_WITHOUT_ORDER("reservations held without an order, after", "0", value -> value == 0),
    EVENTS_NOT_DELIVERED("order.created not delivered and applied", "0", value -> value == 0),
    KEY_CONVERGENCE_MS("key convergence after its instance died (ms)", "reported", Aggregate.MAX),
    UNTRUSTED_RECORDED_BEYOND_LIMIT("untrusted sampled flags recorded beyond limit", "0", value -> value == 0),
    UNTRUSTED_HIDDEN_BELOW_RATIO("untrusted 'not sampled' hidden below the ratio", "0", value -> value == 0),
    TRUSTED_NOT_RECORDED("trusted sampled flags not recorded", "0", value -> value == 0),
    PII_HITS("PII hits in spans, events, metrics, logs", "0", value -> value == 0),
    SECRETS_FOUND("secrets in the repository", "0", value -> value == 0);

    /** How measurements of a figure add up over the run. */
    enum Aggregate {
        /** A count: every measurement adds to it. */
        SUM,
        /** The worst (highest) measurement, e.g. a latency. */
        MAX,
        /** The worst (lowest) measurement, e.g. a rate. */
        MIN
    }

    final String label;
    final String promise;
    final Aggregate aggregate;
    private final LongPredicate met;

    Figure(String label, String promise, LongPredicate met) {
        this.label = label;
        this.promise = promise;
        this.aggregate = Aggregate.SUM;
        this.met = met;
    }

    /** A measurement that is reported, not judged here: performance goals belong to the benchmark. */
    Figure(String label, String promise, Aggregate aggregate) {
        this.label = label;
        this.promise = promise;
        this.aggregate = aggregate;
        this.met = value -> true;
    }

    boolean isMet(long value) {
        return met.test(value);
    }
}
