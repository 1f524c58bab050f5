package dev.reactivetracing.order.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.reactivetracing.order.service.InventoryUnavailableException;
import dev.reactivetracing.order.service.OutboxEvent;
import dev.reactivetracing.order.service.RequestedItem;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * The one way order-service talks to inventory-service, and where it decides how long to wait and how often to try.
 * Both calls are idempotent at inventory-service (a reservation per order id; releasing twice releases once), so
 * retrying is safe. Only {@link TransientInventoryException}s and timeouts are retried and count for the circuit
 * breaker; business answers (409, 422) pass straight through. Whatever stays unavailable becomes
 * {@link InventoryUnavailableException} (503).
 * <p>
 * Each method has its own limits and circuit breaker, overridable by configuration, e.g.
 * {@code quarkus.fault-tolerance."dev.reactivetracing.order.client.InventoryClient/reserve".timeout.value=500}.
 */
@ApplicationScoped
public class InventoryClient {

    /** Circuit breaker names ({@code CircuitBreakerMaintenance}); telemetry reports their state. */
    public static final String RESERVE_CIRCUIT = "inventory-reserve";
    public static final String RELEASE_CIRCUIT = "inventory-release";
    public static final String DELIVER_CIRCUIT = "inventory-deliver";

    private final InventoryApi inventory;

    public InventoryClient(@RestClient InventoryApi inventory) {
        this.inventory = inventory;
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50,
            retryOn = { TransientInventoryException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { TransientInventoryException.class, TimeoutException.class })
    @CircuitBreakerName(RESERVE_CIRCUIT)
    @Fallback(fallbackMethod = "reservationUnavailable", applyOn = { TransientInventoryException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    public Uni<ReservationResponse> reserve(UUID orderId, List<RequestedItem> items) {
        return inventory.reserve(new ReservationRequest(orderId.toString(), items.stream()
                .map(item -> new ReservationRequest.Line(item.productId(), item.quantity()))
                .toList()))
                .onFailure(InventoryClient::isTransportFailure).transform(InventoryUnreachableException::new);
    }

    /**
     * Gives back whatever stock the order holds: to cancel it, after a failed save, or when the reservation call's
     * outcome is unknown (it timed out but may have arrived). An order that holds nothing is fine.
     */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50,
            retryOn = { TransientInventoryException.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { TransientInventoryException.class, TimeoutException.class })
    @CircuitBreakerName(RELEASE_CIRCUIT)
    @Fallback(fallbackMethod = "releaseUnavailable", applyOn = { TransientInventoryException.class,
            TimeoutException.class, CircuitBreakerOpenException.class })
    public Uni<Void> releaseOrder(UUID orderId) {
        return inventory.releaseForOrder(orderId.toString())
                .onFailure(InventoryClient::isTransportFailure).transform(InventoryUnreachableException::new);
    }

    /**
     * Delivers an outbox event. No retries here: the outbox is the retry (with backoff, surviving restarts); the
     * circuit breaker keeps a relay from hammering an inventory-service that is down.
     */
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { TransientInventoryException.class, TimeoutException.class })
    @CircuitBreakerName(DELIVER_CIRCUIT)
    public Uni<Void> deliver(OutboxEvent event) {
        return inventory.deliver(new OrderEventDelivery(event.eventId(), event.eventType(),
                event.orderId().toString(), event.reservationId()))
                .onFailure(InventoryClient::isTransportFailure).transform(InventoryUnreachableException::new);
    }

    Uni<ReservationResponse> reservationUnavailable(UUID orderId, List<RequestedItem> items, Throwable failure) {
        return Uni.createFrom().failure(new InventoryUnavailableException(failure));
    }

    Uni<Void> releaseUnavailable(UUID orderId, Throwable failure) {
        return Uni.createFrom().failure(new InventoryUnavailableException(failure));
    }

    /**
     * Whether a failed call may have reached inventory-service, so that stock may be held: not if the circuit was open
     * or the connection could not even be made.
     */
    public static boolean mayHaveReachedInventory(Throwable failure) {
        return !(failure instanceof CircuitBreakerOpenException) && !causedBy(failure, ConnectException.class)
                && !causedBy(failure, UnknownHostException.class);
    }

    /**
     * Refused, reset or closed connections, however the REST client wraps them. Not a body that failed to
     * deserialize (Jackson's exceptions are IOExceptions too): no retry mends that.
     */
    static boolean isTransportFailure(Throwable failure) {
        return causedBy(failure, IOException.class) && !causedBy(failure, JsonProcessingException.class);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
