package dev.reactivetracing.order.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.reactivetracing.commons.contract.InventoryProblemTypes;
import dev.reactivetracing.order.client.InventoryClient;
import dev.reactivetracing.order.client.InventoryRefusedException;
import dev.reactivetracing.order.client.OrderEventDelivery;
import dev.reactivetracing.order.config.OrderConfig;
import dev.reactivetracing.order.model.OutboxEvent;
import dev.reactivetracing.order.repository.OrderRepository;
import dev.reactivetracing.order.repository.OutboxRepository;
import dev.reactivetracing.order.telemetry.OrderTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Delivers committed outbox events to inventory-service, at least once: claim due events (under a lease), deliver
 * them (a few at a time), mark each published; with a backlog, claim the next batch at once. A failed delivery is
 * retried with exponential backoff; one inventory-service refuses for good (a 4xx answer) is set aside as failed, for
 * a person to look at. An order whose reservation expired before its event
 * arrived, and whose stock is gone, is cancelled.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** Batches one run may claim back to back while there is a backlog, before yielding to the next tick. */
    private static final int MAX_BATCHES_PER_RUN = 50;

    private final Pool pool;
    private final OutboxRepository outbox;
    private final OrderRepository orders;
    private final InventoryClient inventory;
    private final OrderTelemetry telemetry;
    private final OrderConfig.Outbox config;
    private volatile boolean stopping;

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
        return relayBatches(MAX_BATCHES_PER_RUN)
                .onFailure().invoke(failure -> LOG.warn("Outbox relay run failed; the next run retries", failure))
                .onFailure().recoverWithNull();
    }

    /**
     * Claims a batch and delivers it; while batches come back full (a backlog), claims the next one at once rather
     * than at the next tick, up to {@code batchesLeft}.
     */
    private Uni<Void> relayBatches(int batchesLeft) {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return outbox.claimDue(pool, config.batchSize(), config.lease())
                .flatMap(events -> Multi.createFrom().iterable(events)
                        // Several in flight; each delivery's span runs on a Vert.x context of its own
                        // (ReactiveSpans), so the REST client's span of one delivery never lands under another:
                        // CreateOrderTraceTest.concurrentOrdersNeverShareOrMixSpans checks every delivered trace.
                        .onItem().transformToUni(this::deliver).merge(config.deliveryConcurrency())
                        .collect().last()
                        .replaceWith(events.size()))
                .flatMap(claimed -> claimed == config.batchSize() && batchesLeft > 1
                        ? relayBatches(batchesLeft - 1)
                        : Uni.createFrom().voidItem());
    }

    /** No new batch once the application is stopping; the events of the batch in hand are leased, not lost. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** Delivers one event and records the outcome; never fails (the outcome is in the outbox row and the span). */
    Uni<Void> deliver(OutboxEvent event) {
        return telemetry.sendEvent(event, () -> inventory.deliver(new OrderEventDelivery(event.eventId(),
                event.eventType(), event.orderId().toString(), event.reservationId()))
                .call(delivered -> outbox.markPublished(pool, event))
                .onFailure().call(failure -> recordFailure(event, failure)))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> recordFailure(OutboxEvent event, Throwable failure) {
        if (failure instanceof InventoryRefusedException refused
                && InventoryProblemTypes.RESERVATION_EXPIRED.equals(refused.problemType())) {
            // The order cannot be served: it holds no stock any more. Cancel it, so that nobody waits for it.
            LOG.errorf("Order %s cancelled: its reservation expired before order.created arrived and the stock is "
                    + "gone (event %s)", event.orderId(), event.eventId());
            return orders.markCancelled(pool, event.orderId())
                    .call(cancelled -> outbox.markFailed(pool, event, failure.toString()))
                    .replaceWithVoid();
        }
        if (failure instanceof InventoryRefusedException) {
            // A 4xx answer: the same event would be refused again.
            LOG.errorf("inventory-service refused event %s of order %s for good: %s", event.eventId(),
                    event.orderId(), failure.toString());
            return outbox.markFailed(pool, event, failure.toString());
        }
        // Anything else may mend: inventory-service down, failing or slow, its circuit open, or this service stopping
        // (its REST client already closed). Setting such an event aside would let its reservation expire.
        Duration backoff = backoff(event.attempt());
        LOG.debugf("Delivery %d of event %s failed, retrying in %s: %s", event.attempt(), event.eventId(), backoff,
                failure);
        return outbox.scheduleRetry(pool, event, failure.toString(), backoff);
    }

    /** 1 s, 2 s, 4 s ... up to the configured maximum. */
    Duration backoff(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration backoff = FIRST_BACKOFF.multipliedBy(factor);
        return backoff.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff;
    }
}
