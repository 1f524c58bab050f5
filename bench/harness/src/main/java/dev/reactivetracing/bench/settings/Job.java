package dev.reactivetracing.bench.settings;

/** The parts of a benchmark run, in the order they run. */
public enum Job {
    /** R_sql: the order's SQL run by pgbench. */
    SQL_CEILING,
    /** Max orders/s and CPU per order per tracing setup (wrk), then latency at a constant rate (Hyperfoil). */
    TRACING_COST,
    /** Orders all on one product: a rising open-model rate beside spread orders, and a flash-sale burst. */
    HOT_PRODUCT,
    /** Start to first order and RSS of fresh processes, as shipped and with an AOT cache. */
    FRESH_START
}
