package dev.reactivetracing.order.config;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "orders")
public interface OrderConfig {

    Outbox outbox();

    Idempotency idempotency();

    /** Orders being created (order_attempt) and the instances that create them (service_instance). */
    Attempts attempts();

    interface Attempts {

        /** How often an instance says it is alive (a Quarkus scheduler interval). */
        @WithDefault("1s")
        String heartbeatInterval();

        /**
         * An instance that has not said so for this long is gone: a retry of one of its requests (same
         * Idempotency-Key) takes the attempt over. Several heartbeats, so that a slow moment is not a death.
         */
        @WithDefault("5s")
        Duration ownerTimeout();

        /**
         * How long an attempt left behind (its instance gone, or it failed and its own release of the stock failed)
         * waits before any instance gives its stock back: the time a retry has to take it over.
         */
        @WithDefault("30s")
        Duration giveBackAfter();

        /** How often each instance looks for attempts left behind (a Quarkus scheduler interval). */
        @WithDefault("5s")
        String sweepInterval();

        /** Attempts given back per look. */
        @WithDefault("20")
        @Positive
        int sweepBatchSize();
    }

    /** How order-service calls inventory-service: for each kind of call, its time limit, retries and breaker. */
    InventoryCalls inventory();

    interface InventoryCalls {

        /** Reserving an order's stock (on the request's path). */
        CallPolicy reserve();

        /** Giving an order's stock back (cancels, compensation). */
        CallPolicy release();

        /** Delivering an outbox event. */
        DeliveryPolicy deliver();
    }

    /** The outbox is a delivery's retry (with backoff, surviving restarts): one attempt per delivery by default. */
    interface DeliveryPolicy extends CallPolicy {

        @Override
        @WithDefault("0")
        @PositiveOrZero
        int maxRetries();
    }

    /**
     * One kind of call: attempts, each cancelled when it outlasts {@link #attemptTimeout()}, retried on failures
     * another attempt may not meet; a circuit breaker over the outcome of whole calls (after their retries), so that
     * one slow or dead replica among healthy ones does not open it.
     */
    interface CallPolicy {

        /** How long one attempt may wait for its answer before it is cancelled (and retried). */
        @WithDefault("2s")
        Duration attemptTimeout();

        /** Attempts after the first, on no answer in time, 5xx, or a refused, reset or closed connection. */
        @WithDefault("2")
        @PositiveOrZero
        int maxRetries();

        @WithDefault("100ms")
        Duration retryDelay();

        CircuitBreakerPolicy circuitBreaker();
    }

    interface CircuitBreakerPolicy {

        /** How many recent calls the breaker judges by. */
        @WithDefault("20")
        @Positive
        int requestVolume();

        /** The share of those calls that must have failed (after their retries) for it to open. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long it stays open before letting a trial call through (half-open). */
        @WithDefault("5s")
        Duration delay();

        /** Trial calls that must succeed for it to close again. */
        @WithDefault("2")
        @Positive
        int successThreshold();
    }

    interface Idempotency {

        /**
         * How old an attempt with an Idempotency-Key must be, with no order saved, before a retry may take it over
         * even though its instance still says it is alive (it is stuck). Far longer than a request can last.
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
