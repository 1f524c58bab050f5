package dev.reactivetracing.order.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.reactivetracing.order.client.InventoryClient;
import dev.reactivetracing.order.client.ReservationExpiredException;
import dev.reactivetracing.order.config.OrderConfig;
import dev.reactivetracing.order.repository.OrderRepository;
import dev.reactivetracing.order.repository.OutboxRepository;
import dev.reactivetracing.order.telemetry.OrderTelemetry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Delivers committed outbox events to inventory-service, at least once: claim due events (under a lease), deliver
 * each, mark it published. A failed delivery is retried with exponential backoff; one inventory-service refuses
 * for good (4xx) is set aside as failed, for a person to look at. An order whose reservation expired before its event
 * arrived, and whose stock is gone, is cancelled.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final Pool pool;
    private final OutboxRepository outbox;
    private final OrderRepository orders;
    private final InventoryClient inventory;
    private final OrderTelemetry telemetry;
    private final OrderConfig.Outbox config;

    public OutboxRelay(Pool pool, OutboxRepository outbox, OrderRepository orders, InventoryClient inventory,
            OrderTelemetry telemetry, OrderConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.orders = orders;
        this.inventory = inventory;
        this.telemetry = telemetry;
        this.config = config.outbox();
    }

    @Scheduled(identity = "outbox-relay", every = "${orders.outbox.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not while shutting down: the database pool may already be closed.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> relayDueEvents() {
        return outbox.claimDue(pool, config.batchSize(), config.lease())
                .onItem().transformToMulti(events -> Multi.createFrom().iterable(events))
                // One event at a time; each delivery's span runs on a context of its own (ReactiveSpans).
                .onItem().transformToUniAndConcatenate(this::deliver)
                .collect().last()
                .onFailure().invoke(failure -> LOG.warn("Outbox relay run failed; the next run retries", failure))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Delivers one event and records the outcome; never fails (the outcome is in the outbox row and the span). */
    Uni<Void> deliver(OutboxEvent event) {
        return telemetry.sendEvent(event, () -> inventory.deliver(event)
                .call(delivered -> outbox.markPublished(pool, event))
                .onFailure().call(failure -> recordFailure(event, failure)))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> recordFailure(OutboxEvent event, Throwable failure) {
        if (InventoryClient.isTransient(failure)) {
            Duration backoff = backoff(event.attempt());
            LOG.debugf("Delivery %d of event %s failed, retrying in %s: %s", event.attempt(), event.eventId(),
                    backoff, failure);
            return outbox.scheduleRetry(pool, event, failure.toString(), backoff);
        }
        if (failure instanceof ReservationExpiredException) {
            // The order cannot be served: it holds no stock any more. Cancel it, so that nobody waits for it.
            LOG.errorf("Order %s cancelled: its reservation expired before order.created arrived and the stock is "
                    + "gone (event %s)", event.orderId(), event.eventId());
            return orders.markCancelled(pool, event.orderId())
                    .call(cancelled -> outbox.markFailed(pool, event, failure.toString()))
                    .replaceWithVoid();
        }
        LOG.errorf("inventory-service refused event %s of order %s for good: %s", event.eventId(), event.orderId(),
                failure.toString());
        return outbox.markFailed(pool, event, failure.toString());
    }

    /** 1 s, 2 s, 4 s ... up to the configured maximum. */
    Duration backoff(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration backoff = FIRST_BACKOFF.multipliedBy(factor);
        return backoff.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff;
    }
}
