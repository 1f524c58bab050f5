package dev.reactivetracing.commons.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Iterator;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * W3C baggage within the limits every participant must support (W3C Baggage, "Limits"): at most
 * {@value #MAX_MEMBERS} list-members and {@value #MAX_BYTES} bytes. Baggage from outside beyond them is dropped as a
 * whole (the spec forbids propagating part of it), so a client cannot make every service carry, parse and forward
 * kilobytes of headers; nothing beyond them is sent either. The OpenTelemetry propagator enforces no limit itself.
 */
public final class BoundedBaggagePropagator implements TextMapPropagator {

    public static final int MAX_MEMBERS = 64;
    public static final int MAX_BYTES = 8192;
    private static final String HEADER = "baggage";

    private final TextMapPropagator baggage;

    public BoundedBaggagePropagator(TextMapPropagator baggage) {
        this.baggage = baggage;
    }

    @Override
    public Collection<String> fields() {
        return baggage.fields();
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
        Baggage current = Baggage.fromContext(context);
        if (current.size() > MAX_MEMBERS) {
            return;
        }
        baggage.inject(context, carrier, (target, key, value) -> {
            if (value == null || value.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
                setter.set(target, key, value);
            }
        });
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
        if (carrier == null || !withinLimits(carrier, getter)) {
            return context;
        }
        return baggage.extract(context, carrier, getter);
    }

    /** All baggage headers together (a request may repeat the header) count against the limits. */
    private static <C> boolean withinLimits(C carrier, TextMapGetter<C> getter) {
        long bytes = 0;
        int members = 0;
        Iterator<String> values = getter.getAll(carrier, HEADER);
        while (values.hasNext()) {
            String value = values.next();
            if (value == null) {
                continue;
            }
            bytes += value.getBytes(StandardCharsets.UTF_8).length;
            members += 1 + (int) value.chars().filter(character -> character == ',').count();
            if (bytes > MAX_BYTES || members > MAX_MEMBERS) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "BoundedBaggagePropagator{" + baggage + "}";
    }
}
