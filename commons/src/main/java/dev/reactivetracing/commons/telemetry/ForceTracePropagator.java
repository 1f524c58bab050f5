package dev.reactivetracing.commons.telemetry;

import java.util.Collection;
import java.util.List;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * Reads {@code x-force-trace: true} into the extracted context, where {@link ForceTraceSampler} finds it. Nothing is
 * injected downstream: the callee follows the sampled flag in {@code traceparent}, which already carries the decision.
 */
public final class ForceTracePropagator implements TextMapPropagator {

    public static final String HEADER = "x-force-trace";

    private static final ContextKey<Boolean> FORCE_REQUESTED = ContextKey.named("reactivetracing.force-trace");

    public static boolean isRequested(Context context) {
        return Boolean.TRUE.equals(context.get(FORCE_REQUESTED));
    }

    @Override
    public Collection<String> fields() {
        return List.of(HEADER);
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
        // Deliberately nothing: see the class comment.
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
        String value = carrier == null ? null : getter.get(carrier, HEADER);
        if (value != null && "true".equalsIgnoreCase(value.trim())) {
            return context.with(FORCE_REQUESTED, Boolean.TRUE);
        }
        return context;
    }

    @Override
    public String toString() {
        return "ForceTracePropagator";
    }
}
