package dev.reactivetracing.order.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import dev.reactivetracing.commons.requestid.RequestIdClientFilter;
import dev.reactivetracing.order.service.InsufficientStockException;
import dev.reactivetracing.order.service.UnknownProductsException;
import dev.reactivetracing.order.telemetry.ConnectFailureSpanFilter;
import dev.reactivetracing.order.telemetry.HttpClientMetricsFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * inventory-service's HTTP API as order-service uses it. Only {@link InventoryClient} calls it: that class owns the
 * timeouts, retries and circuit breaker.
 */
@RegisterRestClient(configKey = "inventory")
@RegisterProvider(RequestIdClientFilter.class)
@RegisterProvider(HttpClientMetricsFilter.class)
@RegisterProvider(ConnectFailureSpanFilter.class)
@Path("/api/inventory")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface InventoryApi {

    /** 201 (or 200 for a replay of the same order). Idempotent per order id, so safe to retry. */
    @POST
    @Path("/reservations")
    Uni<ReservationResponse> reserve(ReservationRequest request);

    @DELETE
    @Path("/reservations")
    Uni<Void> releaseForOrder(@QueryParam("order_id") String orderId);

    /** An outbox event; handled idempotently, so delivering it again is harmless. */
    @POST
    @Path("/events")
    Uni<Void> deliver(OrderEventDelivery event);

    /**
     * Answers inventory-service gives for a reason are passed on as order-service's own answers. A 5xx is worth a
     * retry; any other answer means order-service sent something wrong, which no retry mends.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status >= 500) {
            return new InventoryServerErrorException(status);
        }
        if (status == 409 || status == 422) {
            InventoryProblem problem = response.readEntity(InventoryProblem.class);
            if (problem.type() != null && problem.type().endsWith("/reservation-expired")) {
                return new ReservationExpiredException();
            }
            if (problem.shortProducts() != null && !problem.shortProducts().isEmpty()) {
                return new InsufficientStockException(problem.shortProducts());
            }
            if (problem.unknownProductIds() != null && !problem.unknownProductIds().isEmpty()) {
                return new UnknownProductsException(problem.unknownProductIds());
            }
        }
        return new InventoryRefusedException(status);
    }
}
