package dev.reactivetracing.commons.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a failure's cause chain, the one way this project does it: each cause once (a chain that loops back, as some
 * libraries build them, ends where it would repeat) and at most {@value #MAX_DEPTH} deep.
 */
public final class Causes {

    public static final int MAX_DEPTH = 16;

    private Causes() {
    }

    /** The failure and its causes, outermost first. */
    public static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && chain.size() < MAX_DEPTH && seen.add(cause);
                cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    /** The first of the failure and its causes that is a {@code type}. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type).isPresent();
    }

    /** The innermost cause (the failure itself if it has none). */
    public static Throwable root(Throwable failure) {
        List<Throwable> chain = chain(failure);
        return chain.get(chain.size() - 1);
    }
}
