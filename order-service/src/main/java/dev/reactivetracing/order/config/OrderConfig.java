package dev.reactivetracing.order.config;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "orders")
public interface OrderConfig {

    Outbox outbox();

    Idempotency idempotency();

    interface Idempotency {

        /**
         * How old a claim on an Idempotency-Key must be, with no order saved, before another request may take it
         * over: its request died with its process. Far longer than a request can last.
         */
        @WithDefault("2m")
        Duration claimTimeout();
    }

    interface Outbox {

        /** How often the relay looks for events to deliver (a Quarkus scheduler interval). */
        @WithDefault("1s")
        String pollInterval();

        /** Events claimed per poll. */
        @WithDefault("20")
        @Positive
        int batchSize();

        /**
         * Deliveries of a batch in flight at once. One at a time, the relay fell behind orders under sustained load
         * (bench/results/analysis.md, section 6); inventory-service handles each event idempotently and in any order.
         */
        @WithDefault("8")
        @Positive
        int deliveryConcurrency();

        /**
         * How long claimed events are left to their relay before another instance may deliver them again (if this
         * one died mid-delivery). Longer than a whole batch can take: batch size times the delivery timeout (2 s).
         */
        @WithDefault("60s")
        Duration lease();

        /** How long published events are kept (for a person looking into a delivery) before they are deleted. */
        @WithDefault("7d")
        Duration retention();

        /** Retries back off exponentially from one second up to this. */
        @WithDefault("5m")
        Duration maxBackoff();
    }
}
