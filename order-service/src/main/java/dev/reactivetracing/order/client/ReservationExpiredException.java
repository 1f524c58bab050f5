package dev.reactivetracing.order.client;

/**
 * inventory-service could not confirm an order's reservation: it expired before order.created arrived and its stock
 * has been sold since. The order cannot be served.
 */
public class ReservationExpiredException extends RuntimeException {

    public ReservationExpiredException() {
        super("inventory-service answered 409: the order's reservation expired and its stock is gone");
    }
}
