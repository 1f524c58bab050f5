package dev.reactivetracing.bench.support;

/** The run's progress on standard output: one line per step, with the seconds since the run started. */
public final class Console {

    private static final long START_NANOS = System.nanoTime();

    private Console() {
    }

    /** Starts a step's line; its result is printed after it on the same line. */
    public static void step(String description) {
        System.out.printf("[%4.0fs] %s... ", (System.nanoTime() - START_NANOS) / 1e9, description);
        System.out.flush();
    }

    public static void done() {
        System.out.println("done");
    }
}
