package dev.reactivetracing.system.guarantees;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures the guarantees tests measure, added up over the run and printed by {@link GuaranteesSummary}. A test
 * records what it measured before asserting on it, so that a broken promise shows in the table as well as in the
 * failure.
 */
final class Guarantees {

    private static final Map<Figure, AtomicLong> FIGURES = new EnumMap<>(Figure.class);
    private static final Map<Figure, Boolean> MEASURED = new ConcurrentHashMap<>();

    static {
        for (Figure figure : Figure.values()) {
            FIGURES.put(figure, new AtomicLong());
        }
    }

    private Guarantees() {
    }

    /** A measurement of {@code figure}: added to a count, or kept if it is the worst so far. */
    static void add(Figure figure, long amount) {
        boolean first = MEASURED.putIfAbsent(figure, true) == null;
        switch (figure.aggregate) {
            case SUM -> FIGURES.get(figure).addAndGet(amount);
            case MAX -> FIGURES.get(figure).accumulateAndGet(amount, first ? (old, now) -> now : Math::max);
            case MIN -> FIGURES.get(figure).accumulateAndGet(amount, first ? (old, now) -> now : Math::min);
        }
    }

    /** A fault is injected: counted now, and as survived only by {@link #survived()} once every check held. */
    static void faultInjected() {
        add(Figure.FAULTS_INJECTED, 1);
        MEASURED.put(Figure.FAULTS_SURVIVED, true);
    }

    static void survived() {
        add(Figure.FAULTS_SURVIVED, 1);
    }

    static long value(Figure figure) {
        return FIGURES.get(figure).get();
    }

    static boolean measured(Figure figure) {
        return MEASURED.containsKey(figure);
    }

    /** Whether soak mode is on (-Dsoak=true, bin/soak): bigger numbers, longer loads. */
    static boolean soak() {
        return Boolean.getBoolean("soak");
    }

    /** {@code regular} in a normal run, {@code soak} in soak mode. */
    static int scaled(int regular, int soak) {
        return soak() ? soak : regular;
    }
}
