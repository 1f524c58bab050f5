package dev.reactivetracing.order.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import dev.reactivetracing.order.config.OrderConfig;
import dev.reactivetracing.order.telemetry.CircuitBreakerTelemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;

/**
 * The fault tolerance of one kind of call to inventory-service, with attempts the test controls: what is retried,
 * what the breaker counts, that a slow attempt is cancelled before the next one starts, and which failures mean
 * stock may be held. (SmallRye's guards need CDI, hence a {@code @QuarkusTest}.)
 */
@QuarkusTest
class GuardedCallTest {

    private static final TypeLiteral<Uni<String>> TEXT = new TypeLiteral<>() {
    };
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(200);

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    CircuitBreakerTelemetry telemetry;

    @Test
    void anAttemptThatOutlastsItsLimitIsCancelledBeforeTheNextOneStarts() {
        GuardedCall call = newCall(2, 20);
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();

        InventoryCallFailedException failed = assertThrows(InventoryCallFailedException.class, () -> call
                .call(() -> {
                    int attempt = attempts.incrementAndGet();
                    return Uni.createFrom().<String>nothing()
                            .onSubscription().invoke(() -> events.add("sent " + attempt))
                            .onCancellation().invoke(() -> events.add("abandoned " + attempt));
                }, TEXT)
                .await().atMost(Duration.ofSeconds(30)));

        assertEquals(List.of("sent 1", "abandoned 1", "sent 2", "abandoned 2", "sent 3", "abandoned 3"), events);
        assertEquals(3, failed.attemptFailures().size());
        failed.attemptFailures().forEach(failure -> assertInstanceOf(InventoryTimeoutException.class, failure));
        assertTrue(failed.mayHaveReachedInventory(), "a request that got no answer may have arrived");
    }

    @Test
    void theBreakerJudgesWholeCallsNotAttempts() {
        int requestVolume = 4;
        GuardedCall call = newCall(2, requestVolume);
        String circuit = circuitOf(call);
        AtomicInteger attempts = new AtomicInteger();
        // Every first attempt fails, every retry succeeds: a replica down among healthy ones.
        for (int order = 0; order < requestVolume * 5; order++) {
            assertEquals("reserved", call.call(() -> attempts.incrementAndGet() % 2 == 1
                    ? Uni.createFrom().failure(new InventoryServerErrorException(503))
                    : Uni.createFrom().item("reserved"), TEXT).await().atMost(Duration.ofSeconds(10)));
        }
        assertEquals(CircuitBreakerState.CLOSED, circuitBreakers.currentState(circuit));

        // Whole calls failing: it opens, and then nothing is sent.
        for (int order = 0; order < requestVolume; order++) {
            assertThrows(InventoryCallFailedException.class, () -> call.call(
                    () -> Uni.createFrom().failure(new InventoryServerErrorException(500)), TEXT)
                    .await().atMost(Duration.ofSeconds(10)));
        }
        assertEquals(CircuitBreakerState.OPEN, circuitBreakers.currentState(circuit));
        AtomicInteger sent = new AtomicInteger();
        InventoryCallFailedException refused = assertThrows(InventoryCallFailedException.class, () -> call.call(
                () -> Uni.createFrom().item(() -> "sent " + sent.incrementAndGet()), TEXT)
                .await().atMost(Duration.ofSeconds(10)));
        assertEquals(0, sent.get());
        assertTrue(refused.circuitOpen());
        assertFalse(refused.mayHaveReachedInventory(), "an open circuit sent nothing");
    }

    @Test
    void refusalsAreNeitherRetriedNorCounted() {
        GuardedCall call = newCall(2, 2);
        AtomicInteger attempts = new AtomicInteger();
        for (int order = 0; order < 6; order++) {
            assertThrows(InventoryRefusedException.class, () -> call.call(() -> {
                attempts.incrementAndGet();
                return Uni.createFrom().<String>failure(new InventoryRefusedException(409, InventoryProblem.NONE));
            }, TEXT).await().atMost(Duration.ofSeconds(10)));
        }
        assertEquals(6, attempts.get());
        assertEquals(CircuitBreakerState.CLOSED, circuitBreakers.currentState(circuitOf(call)));
    }

    @Test
    void stockMayBeHeldIfAnyAttemptMayHaveArrivedNotOnlyTheLast() {
        InventoryUnreachableException refusedConnection = new InventoryUnreachableException(
                new ProcessingException(new ConnectException("Connection refused")));
        InventoryUnreachableException droppedConnection = new InventoryUnreachableException(
                new IOException("Connection was closed"));
        InventoryTimeoutException noAnswer = new InventoryTimeoutException(ATTEMPT_TIMEOUT);

        assertFalse(failedWith(refusedConnection, refusedConnection, refusedConnection).mayHaveReachedInventory());
        // The first attempt timed out (it may have reserved), the retries found nobody listening.
        assertTrue(failedWith(noAnswer, refusedConnection, refusedConnection).mayHaveReachedInventory());
        assertTrue(failedWith(refusedConnection, droppedConnection).mayHaveReachedInventory());
        assertTrue(failedWith(new InventoryServerErrorException(503)).mayHaveReachedInventory());
    }

    @Test
    void transportFailuresAreRecognisedButBadBodiesAreNot() {
        assertTrue(InventoryClient.isTransportFailure(new ProcessingException(new ConnectException("refused"))));
        assertTrue(InventoryClient.isTransportFailure(new IOException("Connection was closed")));
        assertFalse(InventoryClient.isTransportFailure(
                new ProcessingException(new JsonParseException(null, "not JSON"))));
        assertFalse(InventoryClient.isTransportFailure(new IllegalStateException("refused with HTTP 400")));
    }

    private static InventoryCallFailedException failedWith(Throwable... attempts) {
        return new InventoryCallFailedException(attempts[attempts.length - 1], List.of(attempts));
    }

    private GuardedCall newCall(int maxRetries, int requestVolume) {
        return new GuardedCall("test-" + UUID.randomUUID(), new Policy(maxRetries, requestVolume), circuitBreakers,
                telemetry);
    }

    private static String circuitOf(GuardedCall call) {
        return call.circuitName();
    }

    private record Policy(int maxRetries, int requestVolume) implements OrderConfig.CallPolicy {

        @Override
        public Duration attemptTimeout() {
            return ATTEMPT_TIMEOUT;
        }

        @Override
        public Duration retryDelay() {
            return Duration.ofMillis(10);
        }

        @Override
        public OrderConfig.CircuitBreakerPolicy circuitBreaker() {
            return new Breaker(requestVolume, 0.5, Duration.ofMinutes(1), 1);
        }
    }

    private record Breaker(int requestVolume, double failureRatio, Duration delay, int successThreshold)
            implements OrderConfig.CircuitBreakerPolicy {
    }
}
