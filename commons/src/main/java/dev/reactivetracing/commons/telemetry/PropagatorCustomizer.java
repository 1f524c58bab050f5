package dev.reactivetracing.commons.telemetry;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkus.opentelemetry.runtime.propagation.TextMapPropagatorCustomizer;

/**
 * Adjusts each propagator configured in {@code quarkus.otel.propagators} (the extension calls this once per
 * propagator): W3C baggage is bounded ({@link BoundedBaggagePropagator}), {@link ForceTracePropagator} reads
 * {@code x-force-trace} beside the others, and {@link CallerTrust} whether the caller is trusted (where a caller's
 * sampled flag is not simply honoured).
 */
@Singleton
public class PropagatorCustomizer implements TextMapPropagatorCustomizer {

    private final TracingConfig config;
    private final CallerTrust callerTrust;

    public PropagatorCustomizer(TracingConfig config) {
        this.config = config;
        TracingConfig.RemoteParents remoteParents = config.remoteParents();
        this.callerTrust = remoteParents.sampled() == TracingConfig.SampledFlag.HONOUR
                ? null
                : new CallerTrust(remoteParents.trustedNetworks().orElse(List.of()), remoteParents.trustedToken());
    }

    @Override
    public TextMapPropagator customize(Context context) {
        TextMapPropagator propagator = context.propagator();
        if (propagator instanceof W3CBaggagePropagator) {
            propagator = new BoundedBaggagePropagator(propagator);
        }
        List<TextMapPropagator> readers = new ArrayList<>(List.of(propagator));
        if (config.forcedTraces().enabled()) {
            readers.add(new ForceTracePropagator());
        }
        if (callerTrust != null) {
            readers.add(callerTrust);
        }
        return readers.size() == 1 ? propagator : TextMapPropagator.composite(readers);
    }
}
