package dev.reactivetracing.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.reactivetracing.inventory.config.InventoryConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Returns the stock of reservations never confirmed within their time to live, so that an order-service crash
 * between reserving and saving cannot hold stock forever.
 */
@ApplicationScoped
public class ReservationExpiry {

    private static final Logger LOG = Logger.getLogger(ReservationExpiry.class);

    private final ReservationService reservations;
    private final InventoryConfig config;

    public ReservationExpiry(ReservationService reservations, InventoryConfig config) {
        this.reservations = reservations;
        this.config = config;
    }

    @Scheduled(identity = "reservation-expiry", every = "${inventory.reservations.expiry-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not while shutting down: the database pool may already be closed.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> expireOverdue() {
        return reservations.expireOverdue(config.reservations().expiryBatchSize())
                .invoke(expired -> {
                    if (expired > 0) {
                        LOG.infof("Expired %d unconfirmed reservations and returned their stock", expired);
                    }
                })
                .onFailure().invoke(failure -> LOG.warn("Reservation expiry failed; next run retries", failure))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
