package dev.reactivetracing.inventory.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.reactivetracing.inventory.model.RequestedLine;
import dev.reactivetracing.inventory.model.Reservation;
import dev.reactivetracing.inventory.model.StockLevels;
import dev.reactivetracing.inventory.rest.dto.ReservationRequest;
import dev.reactivetracing.inventory.rest.dto.StockCheckRequest;
import dev.reactivetracing.inventory.service.ProductService;
import dev.reactivetracing.inventory.service.ReservationService;
import io.smallrye.mutiny.Uni;

@Path("/api/inventory")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "inventory")
public class InventoryResource {

    private final ProductService productService;
    private final ReservationService reservationService;

    public InventoryResource(ProductService productService, ReservationService reservationService) {
        this.productService = productService;
        this.reservationService = reservationService;
    }

    @POST
    @Path("/check")
    @Operation(summary = "Available stock per product id; unknown ids are listed apart")
    public Uni<StockLevels> check(@NotNull @Valid StockCheckRequest request) {
        return productService.check(request.productIds());
    }

    @POST
    @Path("/reservations")
    @Operation(summary = "Reserve every line or none (201); the same order again replays its reservation (200)")
    public Uni<RestResponse<Reservation>> reserve(@NotNull @Valid ReservationRequest request) {
        return reservationService.reserve(request.orderId(), request.items().stream()
                .map(line -> new RequestedLine(line.productId(), line.quantity()))
                .toList())
                .map(outcome -> outcome.created()
                        ? RestResponse.ResponseBuilder.<Reservation>created(location(outcome.reservation())).entity(outcome.reservation()).build()
                        : RestResponse.ok(outcome.reservation()));
    }

    @GET
    @Path("/reservations/{id}")
    @Operation(summary = "One reservation")
    public Uni<Reservation> get(@PathParam("id") UUID id) {
        return reservationService.findById(id);
    }

    @DELETE
    @Path("/reservations/{id}")
    @Operation(summary = "Give a reservation's stock back; idempotent")
    public Uni<RestResponse<Void>> release(@PathParam("id") UUID id) {
        return reservationService.release(id).map(ignored -> RestResponse.noContent());
    }

    @DELETE
    @Path("/reservations")
    @Operation(summary = "Give back whatever an order holds, for a caller unsure its reservation arrived; idempotent")
    public Uni<RestResponse<Void>> releaseForOrder(
            @QueryParam("order_id") @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String orderId) {
        return reservationService.releaseForOrder(orderId).map(ignored -> RestResponse.noContent());
    }

    private static URI location(Reservation reservation) {
        return URI.create("/api/inventory/reservations/" + reservation.id());
    }
}
