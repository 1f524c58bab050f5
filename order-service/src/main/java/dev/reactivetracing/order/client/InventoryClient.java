package dev.reactivetracing.order.client;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.reactivetracing.commons.errors.Causes;
import dev.reactivetracing.order.config.OrderConfig;
import dev.reactivetracing.order.telemetry.CircuitBreakerTelemetry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.mutiny.Uni;

/**
 * The one way order-service talks to inventory-service, and where it decides how long to wait and how often to try.
 * Every call is idempotent at inventory-service (a reservation per order id; releasing twice releases once; an event
 * is confirmed once), so another attempt is safe.
 * <p>
 * Each kind of call is a {@link GuardedCall}: attempts that are cancelled when they outlast their time limit (so a
 * call never has two attempts in flight, and a slow one is not left running beside its retry), retried on failures
 * another attempt may not meet, inside a circuit breaker that judges whole calls. Answers that refuse (4xx) pass
 * straight through as {@link InventoryRefusedException}; a call that fails as a whole is an
 * {@link InventoryCallFailedException}, which knows whether any attempt may have reached inventory-service. Limits:
 * {@code orders.inventory.*} ({@link OrderConfig.InventoryCalls}).
 */
@Singleton
public class InventoryClient {

    /** Circuit breaker names (SmallRye's {@code CircuitBreakerMaintenance}); telemetry reports their state. */
    public static final String RESERVE_CIRCUIT = "inventory-reserve";
    public static final String RELEASE_CIRCUIT = "inventory-release";
    public static final String DELIVER_CIRCUIT = "inventory-deliver";

    private static final TypeLiteral<Uni<ReservationResponse>> RESERVATION = new TypeLiteral<>() {
    };
    private static final TypeLiteral<Uni<Void>> NOTHING = new TypeLiteral<>() {
    };

    private final InventoryApi inventory;
    private final GuardedCall reserveCall;
    private final GuardedCall releaseCall;
    private final GuardedCall deliverCall;

    InventoryClient(@RestClient InventoryApi inventory, OrderConfig config, CircuitBreakerMaintenance circuitBreakers,
            CircuitBreakerTelemetry telemetry) {
        this.inventory = inventory;
        OrderConfig.InventoryCalls calls = config.inventory();
        this.reserveCall = new GuardedCall(RESERVE_CIRCUIT, calls.reserve(), circuitBreakers, telemetry);
        this.releaseCall = new GuardedCall(RELEASE_CIRCUIT, calls.release(), circuitBreakers, telemetry);
        this.deliverCall = new GuardedCall(DELIVER_CIRCUIT, calls.deliver(), circuitBreakers, telemetry);
    }

    public Uni<ReservationResponse> reserve(UUID orderId, List<ReservationRequest.Line> lines) {
        ReservationRequest request = new ReservationRequest(orderId.toString(), lines);
        return reserveCall.call(() -> attempt(inventory.reserve(request)), RESERVATION);
    }

    /**
     * Gives back whatever stock the order holds: to cancel it, after a failed save, or when the reservation call's
     * outcome is unknown (it timed out but may have arrived). An order that holds nothing is fine.
     */
    public Uni<Void> releaseOrder(UUID orderId) {
        return releaseCall.call(() -> attempt(inventory.releaseForOrder(orderId.toString())), NOTHING);
    }

    /** Delivers an outbox event (by default one attempt: the outbox retries, with backoff, surviving restarts). */
    public Uni<Void> deliver(OrderEventDelivery event) {
        return deliverCall.call(() -> attempt(inventory.deliver(event)), NOTHING);
    }

    /** The reservation breaker's state when asked: closed, open or half_open (for the order's trace). */
    public String reservationCircuitState() {
        return reserveCall.circuitState();
    }

    private static <T> Uni<T> attempt(Uni<T> call) {
        return call
                // The HTTP client's own read timeout (quarkus.rest-client.inventory.read-timeout), should it be the
                // shorter limit: no answer in time, like the attempt's own limit.
                .onFailure(failure -> Causes.causedBy(failure, TimeoutException.class))
                .transform(InventoryTimeoutException::new)
                .onFailure(InventoryClient::isTransportFailure).transform(InventoryUnreachableException::new);
    }

    /**
     * Refused, reset or closed connections, however the REST client wraps them. Not a body that failed to
     * deserialize (Jackson's exceptions are IOExceptions too): no retry mends that.
     */
    static boolean isTransportFailure(Throwable failure) {
        return Causes.causedBy(failure, IOException.class)
                && !Causes.causedBy(failure, JsonProcessingException.class);
    }
}
