package dev.reactivetracing.order.telemetry;

import java.util.Locale;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Makes the circuit breakers' decisions visible in traces and logs (SmallRye Fault Tolerance exports their metrics
 * itself: {@code ft.circuitbreaker.*}, {@code ft.retry.*}, {@code ft.invocations.total}, by the breaker's name as
 * {@code method}). Each change of state (closed, open, half_open) is logged and added as an event
 * ({@value #STATE_CHANGE_EVENT}) to the span current when it happens,
 * i.e. in the trace of the call that tripped or closed it; {@code check_inventory} carries the state the breaker was in
 * when the order asked ({@link #STATE}), so a trace that failed in a millisecond says
 * why. The move from open to half_open is often made by the breaker's timer, outside any request: then it has no
 * trace to go to, and shows as the log line, the metrics, and the half_open state on the next order's
 * {@code check_inventory}.
 */
@Singleton
public class CircuitBreakerTelemetry {

    public static final String STATE_CHANGE_EVENT = "reactivetracing.circuit_breaker.state_change";
    /** The breaker's name: {@code inventory-reserve}, {@code inventory-release} or {@code inventory-deliver}. */
    public static final AttributeKey<String> NAME = AttributeKey.stringKey("reactivetracing.circuit_breaker.name");
    /**
     * A breaker's state ({@code closed}, {@code open}, {@code half_open}): the new one on the event, the one the order
     * found on {@code check_inventory}.
     */
    public static final AttributeKey<String> STATE = AttributeKey.stringKey("reactivetracing.circuit_breaker.state");

    private static final Logger LOG = Logger.getLogger(CircuitBreakerTelemetry.class);

    /** Called by a breaker when it changes state (the client registers it when it builds its breakers). */
    public void changed(String name, CircuitBreakerState state) {
        Attributes attributes = Attributes.of(NAME, name, STATE, valueOf(state));
        if (state == CircuitBreakerState.CLOSED) {
            LOG.infof("Circuit breaker %s closed: calls go through again", name);
        } else {
            LOG.warnf("Circuit breaker %s is %s", name, valueOf(state));
        }
        Span.current().addEvent(STATE_CHANGE_EVENT, attributes);
    }

    private static String valueOf(CircuitBreakerState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
