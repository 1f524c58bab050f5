package dev.reactivetracing.inventory.model;

/** A reservation and whether this request made it (false: a replay of an earlier request for the same order). */
public record ReservationOutcome(Reservation reservation, boolean created) {
}
