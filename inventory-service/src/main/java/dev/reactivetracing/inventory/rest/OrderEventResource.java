package dev.reactivetracing.inventory.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.reactivetracing.commons.problem.ProblemException;
import dev.reactivetracing.commons.telemetry.OutboxMessaging;
import dev.reactivetracing.inventory.rest.dto.OrderEventRequest;
import dev.reactivetracing.inventory.rest.dto.OrderEventResult;
import dev.reactivetracing.inventory.service.OrderEventService;
import io.smallrye.mutiny.Uni;

/** Where order-service's outbox relay delivers events; delivery is at least once, handling is idempotent. */
@Path("/api/inventory/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "events")
public class OrderEventResource {

    private final OrderEventService events;

    public OrderEventResource(OrderEventService events) {
        this.events = events;
    }

    @POST
    @Operation(summary = "Handle an event from order-service (order.created confirms the order's reservation)")
    public Uni<OrderEventResult> handle(@NotNull @Valid OrderEventRequest event) {
        if (!OutboxMessaging.ORDER_CREATED.equals(event.eventType())) {
            throw new ProblemException(422, "unsupported-event", "Unsupported event",
                    "inventory-service does not handle events of this type.", "unsupported_event");
        }
        return events.orderCreated(event.eventId(), event.orderId(), event.reservationId())
                .map(status -> new OrderEventResult(event.eventId(), event.reservationId(), status));
    }
}
