package dev.reactivetracing.commons.telemetry;

import jakarta.inject.Singleton;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkus.opentelemetry.runtime.propagation.TextMapPropagatorCustomizer;

/**
 * Adjusts each propagator configured in {@code quarkus.otel.propagators} (the extension calls this once per
 * propagator): W3C baggage is bounded ({@link BoundedBaggagePropagator}) and {@link ForceTracePropagator} reads
 * {@code x-force-trace} beside the others.
 */
@Singleton
public class PropagatorCustomizer implements TextMapPropagatorCustomizer {

    private final TracingConfig config;

    public PropagatorCustomizer(TracingConfig config) {
        this.config = config;
    }

    @Override
    public TextMapPropagator customize(Context context) {
        TextMapPropagator propagator = context.propagator();
        if (propagator instanceof W3CBaggagePropagator) {
            propagator = new BoundedBaggagePropagator(propagator);
        }
        if (!config.forcedTraces().enabled()) {
            return propagator;
        }
        return TextMapPropagator.composite(propagator, new ForceTracePropagator());
    }
}
