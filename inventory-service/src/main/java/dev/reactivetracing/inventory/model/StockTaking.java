package dev.reactivetracing.inventory.model;

import java.util.List;
import java.util.Optional;

/**
 * What one call of the database's {@code reserve_stock} function answered: the new reservation, the one the order
 * already had (a replay), or why nothing was taken (products the catalog lacks, products short of stock).
 */
public record StockTaking(Optional<Reservation> created, Optional<Reservation> existing,
        List<String> unknownProductIds, List<ShortProduct> shortProducts) {

    public static StockTaking created(Reservation reservation) {
        return new StockTaking(Optional.of(reservation), Optional.empty(), List.of(), List.of());
    }

    public static StockTaking existing(Reservation reservation) {
        return new StockTaking(Optional.empty(), Optional.of(reservation), List.of(), List.of());
    }

    public static StockTaking refused(List<String> unknownProductIds, List<ShortProduct> shortProducts) {
        return new StockTaking(Optional.empty(), Optional.empty(), List.copyOf(unknownProductIds),
                List.copyOf(shortProducts));
    }
}
