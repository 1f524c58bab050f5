package dev.reactivetracing.order.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "orders")
public interface OrderConfig {

    Outbox outbox();

    interface Outbox {

        /** How often the relay looks for events to deliver (a Quarkus scheduler interval). */
        @WithDefault("1s")
        String pollInterval();

        /** Events claimed per poll. */
        @WithDefault("50")
        int batchSize();

        /**
         * How long a claimed event is left to its relay before another instance may deliver it again (if this one
         * died mid-delivery). Longer than a delivery's timeout.
         */
        @WithDefault("30s")
        Duration lease();

        /** Retries back off exponentially from one second up to this. */
        @WithDefault("5m")
        Duration maxBackoff();
    }
}
