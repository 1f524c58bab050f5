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
import dev.reactivetracing.order.telemetry.ConnectFailureSpanFilter;
import dev.reactivetracing.order.telemetry.HttpClientMetricsFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * inventory-service's HTTP API as order-service uses it: package-private, because only {@link InventoryClient} calls
 * it, and that class owns the time limits, retries and circuit breakers.
 */
@RegisterRestClient(configKey = "inventory")
@RegisterProvider(RequestIdClientFilter.class)
@RegisterProvider(HttpClientMetricsFilter.class)
@RegisterProvider(ConnectFailureSpanFilter.class)
@Path("/api/inventory")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface InventoryApi {

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

    /** A 5xx is worth another attempt; any other error answer is a refusal no retry mends. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status >= 500) {
            return new InventoryServerErrorException(status);
        }
        boolean problem = response.getMediaType() != null
                && "problem+json".equals(response.getMediaType().getSubtype());
        return new InventoryRefusedException(status,
                problem ? response.readEntity(InventoryProblem.class) : InventoryProblem.NONE);
    }
}
