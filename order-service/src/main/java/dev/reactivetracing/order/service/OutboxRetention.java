package dev.reactivetracing.order.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.reactivetracing.order.config.OrderConfig;
import dev.reactivetracing.order.repository.OutboxRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Keeps the outbox small: published events are deleted once they are older than the retention. */
@ApplicationScoped
public class OutboxRetention {

    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);

    private final Pool pool;
    private final OutboxRepository outbox;
    private final OrderConfig.Outbox config;

    public OutboxRetention(Pool pool, OutboxRepository outbox, OrderConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config.outbox();
    }

    @Scheduled(identity = "outbox-retention", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> deleteOldPublishedEvents() {
        return outbox.deletePublishedBefore(pool, config.retention())
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Deleted %d events published more than %s ago", deleted, config.retention());
                    }
                })
                .onFailure().invoke(failure -> LOG.warn("Outbox retention failed; the next run retries", failure))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
