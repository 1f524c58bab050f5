package dev.reactivetracing.commons.telemetry;

import jakarta.inject.Singleton;

import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkus.opentelemetry.runtime.propagation.TextMapPropagatorCustomizer;

/** Adds {@link ForceTracePropagator} beside the propagators configured in {@code quarkus.otel.propagators}. */
@Singleton
public class ForceTracePropagatorCustomizer implements TextMapPropagatorCustomizer {

    private final TracingConfig config;

    public ForceTracePropagatorCustomizer(TracingConfig config) {
        this.config = config;
    }

    @Override
    public TextMapPropagator customize(Context context) {
        if (!config.forcedTraces().enabled()) {
            return context.propagator();
        }
        return TextMapPropagator.composite(context.propagator(), new ForceTracePropagator());
    }
}
