package dev.reactivetracing.order.telemetry;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.reactivetracing.order.client.InventoryClient;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Makes the circuit breakers' decisions visible. Each change of state (closed, open, half_open) is logged, counted
 * ({@value #STATE_CHANGES}) and added as an event ({@value #STATE_CHANGE_EVENT}) to the span current when it happens,
 * i.e. in the trace of the call that tripped or closed it; {@code check_inventory} carries the state the breaker was in
 * when the order asked ({@link OrderTelemetry#CIRCUIT_BREAKER_STATE}), so a trace that failed in a millisecond says
 * why. The move from open to half_open is often made by the breaker's timer, outside any request: then it has no
 * trace to go to, and shows as the log line, the count, and the half_open state on the next order's
 * {@code check_inventory}.
 */
@Singleton
public class CircuitBreakerTelemetry {

    public static final String STATE_CHANGE_EVENT = "circuit_breaker.state_change";
    /** Metric: state changes of each breaker, by name and new state. */
    public static final String STATE_CHANGES = "circuit_breaker.state_changes";
    public static final AttributeKey<String> NAME = AttributeKey.stringKey("circuit_breaker.name");
    public static final AttributeKey<String> STATE = AttributeKey.stringKey("circuit_breaker.state");

    private static final Logger LOG = Logger.getLogger(CircuitBreakerTelemetry.class);
    private static final List<String> BREAKERS = List.of(InventoryClient.RESERVE_CIRCUIT,
            InventoryClient.RELEASE_CIRCUIT, InventoryClient.DELIVER_CIRCUIT);

    private final CircuitBreakerMaintenance maintenance;
    private final LongCounter stateChanges;

    public CircuitBreakerTelemetry(CircuitBreakerMaintenance maintenance, Meter meter) {
        this.maintenance = maintenance;
        this.stateChanges = meter.counterBuilder(STATE_CHANGES).setUnit("{change}")
                .setDescription("Circuit breaker state changes, by breaker and new state.").build();
    }

    void watch(@Observes StartupEvent started) {
        BREAKERS.forEach(name -> maintenance.onStateChange(name, state -> changed(name, state)));
    }

    /** The breaker's state as an attribute value: closed, open or half_open. */
    public String state(String name) {
        return valueOf(maintenance.currentState(name));
    }

    private void changed(String name, CircuitBreakerState state) {
        Attributes attributes = Attributes.of(NAME, name, STATE, valueOf(state));
        if (state == CircuitBreakerState.CLOSED) {
            LOG.infof("Circuit breaker %s closed: calls go through again", name);
        } else {
            LOG.warnf("Circuit breaker %s is %s", name, valueOf(state));
        }
        stateChanges.add(1, attributes);
        Span.current().addEvent(STATE_CHANGE_EVENT, attributes);
    }

    private static String valueOf(CircuitBreakerState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
