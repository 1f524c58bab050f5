package dev.reactivetracing.order.rest;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.reactivetracing.order.model.OrderOutcome;
import dev.reactivetracing.order.rest.dto.CreateOrderRequest;
import dev.reactivetracing.order.rest.dto.OrderPage;
import dev.reactivetracing.order.rest.dto.OrderView;
import dev.reactivetracing.order.service.OrderService;
import io.smallrye.mutiny.Uni;

@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderResource {

    /** Set on a response that repeats an earlier order for the same Idempotency-Key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final OrderService orderService;

    public OrderResource(OrderService orderService) {
        this.orderService = orderService;
    }

    @POST
    @Operation(summary = "Place an order: stock is reserved at inventory-service, the total computed from its prices")
    public Uni<RestResponse<OrderView>> create(
            @HeaderParam("Idempotency-Key") @Pattern(regexp = "[\\x21-\\x7E]{1,255}",
                    message = "must be 1 to 255 visible ASCII characters") String idempotencyKey,
            @NotNull @Valid CreateOrderRequest request) {
        return orderService.create(request.toNewOrder(), Optional.ofNullable(idempotencyKey))
                .map(OrderResource::created);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One order")
    public Uni<OrderView> get(@PathParam("id") UUID id) {
        return orderService.get(id).map(OrderView::of);
    }

    @GET
    @Operation(summary = "A customer's orders, newest first, a page at a time")
    public Uni<OrderPage> list(@QueryParam("customer_id") @NotNull UUID customerId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return orderService.listForCustomer(customerId, page, size)
                .map(orders -> new OrderPage(orders.stream().map(OrderView::of).toList(), page, size));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD) // no body: a bare `curl -X POST` must work
    @Operation(summary = "Cancel an order and give its stock back; idempotent")
    public Uni<OrderView> cancel(@PathParam("id") UUID id) {
        return orderService.cancel(id).map(OrderView::of);
    }

    /** The same answer for the first request and its replays, as the Idempotency-Key draft asks. */
    private static RestResponse<OrderView> created(OrderOutcome outcome) {
        RestResponse.ResponseBuilder<OrderView> response = RestResponse.ResponseBuilder
                .<OrderView>created(URI.create("/api/orders/" + outcome.order().id()))
                .entity(OrderView.of(outcome.order()));
        if (outcome.replayed()) {
            response.header(IDEMPOTENT_REPLAYED, "true");
        }
        return response.build();
    }
}
