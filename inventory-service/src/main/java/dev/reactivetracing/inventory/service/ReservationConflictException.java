package dev.reactivetracing.inventory.service;

import dev.reactivetracing.commons.contract.InventoryProblemTypes;
import dev.reactivetracing.commons.problem.ProblemException;
import dev.reactivetracing.inventory.model.ReservationStatus;

/** A reservation request for an order that already has a different, or closed, reservation. */
public class ReservationConflictException extends ProblemException {

    private ReservationConflictException(int status, String typeSlug, String title, String detail, String reason) {
        super(status, typeSlug, title, detail, reason);
    }

    public static ReservationConflictException differentItems(String orderId) {
        return new ReservationConflictException(422, InventoryProblemTypes.RESERVATION_MISMATCH, "Reservation mismatch",
                "Order '" + orderId + "' already has a reservation with different items.", "reservation_mismatch");
    }

    public static ReservationConflictException expired(String orderId) {
        return new ReservationConflictException(409, InventoryProblemTypes.RESERVATION_EXPIRED, "Reservation expired",
                "The reservation of order '" + orderId + "' expired before the order was confirmed.",
                "reservation_expired");
    }

    public static ReservationConflictException closed(String orderId, ReservationStatus status) {
        return new ReservationConflictException(409, InventoryProblemTypes.RESERVATION_CLOSED, "Reservation closed",
                "The reservation of order '" + orderId + "' is " + status.name().toLowerCase() + ".",
                "reservation_closed");
    }
}
