package dev.reactivetracing.order.service;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.reactivetracing.order.repository.ServiceInstanceRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * This order-service instance, as the other instances see it: an id, and a heartbeat in {@code service_instance} every
 * {@code orders.attempts.heartbeat-interval}. The order attempts it begins are its own; once its heartbeat is older
 * than {@code orders.attempts.owner-timeout} (the process was killed, or cut off from the database), another
 * instance may take them over. No goodbye on shutdown: requests still in flight would lose their owner; the heartbeat
 * simply stops.
 */
@ApplicationScoped
public class ServiceInstance {

    private static final Logger LOG = Logger.getLogger(ServiceInstance.class);
    /** Rows of instances gone this long are deleted (by any instance, at its beat). */
    private static final Duration FORGET_GONE_AFTER = Duration.ofHours(1);

    private final UUID id = UUID.randomUUID();
    private final Pool pool;
    private final ServiceInstanceRepository instances;

    public ServiceInstance(Pool pool, ServiceInstanceRepository instances) {
        this.pool = pool;
        this.instances = instances;
    }

    public UUID id() {
        return id;
    }

    /**
     * Also the first beat: a request may begin an attempt before it lands, which is why an attempt younger than the
     * owner timeout is never taken over, whatever the heartbeats say.
     */
    @Scheduled(identity = "instance-heartbeat", every = "${orders.attempts.heartbeat-interval}", delay = 0,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> beat() {
        return instances.beat(pool, id)
                .call(() -> instances.forgetGone(pool, FORGET_GONE_AFTER))
                .onFailure().invoke(failure -> LOG.warnf("Heartbeat of instance %s failed: %s", id, failure.toString()))
                .onFailure().recoverWithNull();
    }
}
