package dev.reactivetracing.order.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.reactivetracing.order.config.OrderConfig;
import dev.reactivetracing.order.telemetry.CircuitBreakerTelemetry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * One kind of call to inventory-service with its fault tolerance, built from SmallRye Fault Tolerance's programmatic
 * guards, nested because the annotations' fixed order (retry around circuit breaker around timeout) gets three things
 * wrong for this system:
 * <ul>
 * <li>The breaker is <em>outside</em> the retries and judges whole calls: one replica that is dead, restarting or
 * slow makes attempts fail that a retry on another replica mends, and such calls are successes. With the annotations
 * every failed attempt counted, and one cold replica among two opened the breaker for everybody.</li>
 * <li>An attempt's time limit <em>cancels</em> it (Mutiny's {@code ifNoItem}; the REST client then abandons the
 * request): a call has at most one attempt in flight, so a retry never adds to the queue the slow attempt is still
 * waiting in. SmallRye's timeout on a {@code Uni} only stops waiting and leaves the attempt running.</li>
 * <li>Every attempt's failure is kept, for the caller to decide compensation
 * ({@link InventoryCallFailedException#mayHaveReachedInventory()}); the retry strategy itself keeps only the last.</li>
 * </ul>
 */
final class GuardedCall {

    private final String circuitName;
    private final OrderConfig.CallPolicy policy;
    private final Guard circuitBreaker;
    private final Guard attempts;
    private final CircuitBreakerMaintenance circuitBreakers;

    GuardedCall(String circuitName, OrderConfig.CallPolicy policy, CircuitBreakerMaintenance circuitBreakers,
            CircuitBreakerTelemetry telemetry) {
        this.circuitName = circuitName;
        this.policy = policy;
        OrderConfig.CircuitBreakerPolicy breaker = policy.circuitBreaker();
        this.circuitBreaker = Guard.create()
                // The description names the guard in SmallRye's ft.* metrics (method="inventory-reserve").
                .withDescription(circuitName)
                .withCircuitBreaker()
                .name(circuitName)
                .requestVolumeThreshold(breaker.requestVolume())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(breaker.successThreshold())
                .failOn(TransientInventoryException.class)
                .onStateChange(state -> telemetry.changed(circuitName, state))
                .done()
                .build();
        long budgetMillis = (policy.maxRetries() + 1) * (policy.attemptTimeout().toMillis()
                + policy.retryDelay().toMillis() * 2);
        this.attempts = Guard.create()
                .withDescription(circuitName + ".attempts")
                .withRetry()
                .maxRetries(policy.maxRetries())
                .delay(policy.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(policy.retryDelay().toMillis() / 2, ChronoUnit.MILLIS)
                // Never stops a retry the limits above allow; a backstop should the timer fall behind.
                .maxDuration(budgetMillis, ChronoUnit.MILLIS)
                .retryOn(TransientInventoryException.class)
                .done()
                .build();
        this.circuitBreakers = circuitBreakers;
    }

    /**
     * Runs the call: {@code attempt} makes one attempt (a lazy {@code Uni}, subscribed once per attempt). Fails with
     * {@link InventoryCallFailedException} when every attempt failed or the circuit was open; refusals (4xx) and
     * anything else no attempt could mend fail as they are.
     */
    <T> Uni<T> call(Supplier<Uni<T>> attempt, TypeLiteral<Uni<T>> type) {
        return Uni.createFrom().deferred(() -> {
            List<Throwable> attemptFailures = new CopyOnWriteArrayList<>();
            Supplier<Uni<T>> limitedAttempt = () -> attempt.get()
                    .ifNoItem().after(policy.attemptTimeout())
                    .failWith(() -> new InventoryTimeoutException(policy.attemptTimeout()))
                    .onFailure().invoke(attemptFailures::add);
            return circuitBreaker.get(() -> attempts.get(limitedAttempt, type), type)
                    .onFailure(GuardedCall::isCallFailure)
                    .transform(failure -> new InventoryCallFailedException(failure, attemptFailures));
        });
    }

    String circuitName() {
        return circuitName;
    }

    /** closed, open or half_open. */
    String circuitState() {
        return circuitBreakers.currentState(circuitName).name().toLowerCase(Locale.ROOT);
    }

    private static boolean isCallFailure(Throwable failure) {
        return failure instanceof TransientInventoryException
                || failure instanceof CircuitBreakerOpenException;
    }
}
