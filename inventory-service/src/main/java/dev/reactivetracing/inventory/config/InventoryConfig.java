package dev.reactivetracing.inventory.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "inventory")
public interface InventoryConfig {

    Reservations reservations();

    /** The highest stock a product may have; adding stock beyond it is refused. */
    @WithDefault("1000000000")
    int maximumStock();

    interface Reservations {

        /**
         * How long stock stays reserved for an order that is never confirmed (order.created not delivered, e.g.
         * order-service crashed between reserving and saving). After that the stock goes back. Longer than
         * order-service's outbox can take to deliver order.created in an outage you plan for; a confirmation arriving
         * later still succeeds if the stock is there.
         */
        @WithDefault("15m")
        Duration timeToLive();

        /** How often overdue reservations are looked for (a Quarkus scheduler interval, e.g. 30s; "off" stops it). */
        @WithDefault("30s")
        String expiryInterval();

        /** Reservations expired per transaction. */
        @WithDefault("100")
        int expiryBatchSize();
    }
}
