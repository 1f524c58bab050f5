package dev.reactivetracing.inventory.model;

public enum ReservationStatus {
    RESERVED,
    CONFIRMED,
    RELEASED,
    EXPIRED;

    /** Stock is held for the order (reserved, or sold). */
    public boolean holdsStock() {
        return this == RESERVED || this == CONFIRMED;
    }
}
