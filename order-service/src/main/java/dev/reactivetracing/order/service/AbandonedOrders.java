package dev.reactivetracing.order.service;

import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.reactivetracing.order.client.InventoryClient;
import dev.reactivetracing.order.config.OrderConfig;
import dev.reactivetracing.order.repository.OrderAttemptRepository;
import dev.reactivetracing.order.telemetry.OrderTelemetry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Orders that will not exist must hold no stock. An attempt that failed after stock may have been reserved is
 * abandoned and its order id released at inventory-service (idempotent there, and a tombstone stops a reservation
 * still on its way) off the request's path; then the attempt goes. What that leaves behind, and the attempts of
 * instances that died, every instance sweeps up: after {@code orders.attempts.give-back-after} (the time a retry has to
 * take a dead instance's attempt over and keep its reservation), it takes them (SKIP LOCKED), releases their stock and
 * deletes them. So no reservation outlives its order's attempt by more than that, and none waits for its expiry.
 */
@ApplicationScoped
public class AbandonedOrders {

    private static final Logger LOG = Logger.getLogger(AbandonedOrders.class);

    private final Pool pool;
    private final OrderAttemptRepository attempts;
    private final InventoryClient inventory;
    private final ServiceInstance instance;
    private final OrderTelemetry telemetry;
    private final OrderConfig.Attempts config;

    public AbandonedOrders(Pool pool, OrderAttemptRepository attempts, InventoryClient inventory,
            ServiceInstance instance, OrderTelemetry telemetry, OrderConfig config) {
        this.pool = pool;
        this.attempts = attempts;
        this.inventory = inventory;
        this.instance = instance;
        this.telemetry = telemetry;
        this.config = config.attempts();
    }

    /**
     * This instance's attempt for the order failed after stock may have been reserved: marks it abandoned and gives
     * the stock back in the background. Nothing happens if the attempt is no longer this instance's (a retry took it
     * over while this one was presumed dead: the order is the new owner's now).
     */
    public Uni<Void> abandon(UUID orderId) {
        return attempts.abandon(pool, orderId, instance.id()).invoke(marked -> {
            if (marked) {
                giveBack(orderId).subscribe().with(
                        released -> LOG.debugf("Released the stock of failed order %s", orderId),
                        failure -> LOG.warnf("Could not release the stock of failed order %s yet; the sweep retries "
                                + "after %s: %s", orderId, config.giveBackAfter(), failure.toString()));
            }
        }).replaceWithVoid();
    }

    @Scheduled(identity = "abandoned-orders", every = "${orders.attempts.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return attempts.anyLeftBehind(pool, config.ownerTimeout(), config.giveBackAfter())
                .flatMap(any -> !any ? Uni.createFrom().voidItem() : telemetry.releaseAbandonedOrders(() -> attempts
                        .takeLeftBehind(pool, config.sweepBatchSize(), instance.id(), config.ownerTimeout(),
                                config.giveBackAfter())
                        .flatMap(orderIds -> Multi.createFrom().iterable(orderIds)
                                .onItem().transformToUniAndConcatenate(orderId -> giveBack(orderId)
                                        .replaceWith(1)
                                        // Left for a later sweep (after the grace again).
                                        .onFailure().recoverWithItem(0))
                                .collect().with(Collectors.summingInt(Integer::intValue)))))
                .onFailure().invoke(failure -> LOG.warn("Sweep of abandoned orders failed; the next one retries",
                        failure))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> giveBack(UUID orderId) {
        return inventory.releaseOrder(orderId)
                .call(() -> attempts.deleteAbandoned(pool, orderId, instance.id()));
    }
}
