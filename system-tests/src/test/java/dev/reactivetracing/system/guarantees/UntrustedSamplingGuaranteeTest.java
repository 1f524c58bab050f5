package dev.reactivetracing.system.guarantees;

import static dev.reactivetracing.system.Api.get;
import static dev.reactivetracing.system.Api.traceIdOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reactivetracing.system.RunningSystem;

/**
 * No client can force what the public edge records: at ratio 0.1, a thousand requests from an untrusted caller whose
 * trace context says "sampled" (W3C traceparent or B3, with random trace ids or with ids the SDK's ratio sampler always
 * samples) are recorded at most within the forced-trace rate (10/s) plus what the ratio records anyway; a thousand
 * saying "not sampled" are still recorded at the ratio (a caller cannot hide its requests); a thousand from a trusted
 * caller (the token an internal caller presents) are all recorded. The caller's trace id is continued in every case
 * (traceresponse names it), so that traces join.
 */
class UntrustedSamplingGuaranteeTest {

    private static final int REQUESTS = 1_000;
    private static final double RATIO = 0.1;
    private static final double FORCED_PER_SECOND = 10;
    private static final String TOKEN = UUID.randomUUID().toString();
    private static final String SERVER_SPAN = "GET /api/orders/{id}";

    @AutoClose
    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("trust", Map.of("OTEL_TRACES_SAMPLER_ARG", Double.toString(RATIO)),
                Map.of("TRACING_REMOTE_PARENTS_TRUSTED_TOKEN", TOKEN));
    }

    /** Four standard deviations of the ratio's share of {@link #REQUESTS}. */
    private static final double RATIO_ROOM = 4 * Math.sqrt(REQUESTS * RATIO * (1 - RATIO));

    /**
     * {@code traceIds}: {@code random}, or {@code always-below-ratio}: ids whose lower 64 bits are near zero, which the
     * SDK's trace-id ratio sampler samples at any ratio (a caller trying to get everything recorded would send these).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({ "traceparent, random", "b3, random", "traceparent, always-below-ratio" })
    void anUntrustedCallersSampledFlagIsRecordedOnlyWithinTheLimit(String format, String traceIds) {
        long started = System.nanoTime();
        Set<String> sent = send(format, false, true, traceIds.equals("always-below-ratio"));
        double seconds = (System.nanoTime() - started) / 1e9;
        long recorded = recordedOf(sent);
        // The rate limiter's burst (one second's worth) and its rate, plus the ratio's own share with room.
        double allowed = FORCED_PER_SECOND + FORCED_PER_SECOND * seconds + REQUESTS * RATIO + RATIO_ROOM;
        Guarantees.add(Figure.UNTRUSTED_RECORDED_BEYOND_LIMIT, Math.max(0, recorded - (long) Math.floor(allowed)));
        assertTrue(recorded <= allowed, recorded + " of " + REQUESTS + " recorded in " + seconds + " s; allowed "
                + allowed);
    }

    @Test
    void anUntrustedCallersNotSampledFlagCannotHideItsRequests() {
        long recorded = recordedOf(send("traceparent", false, false, false));
        double expectedAtLeast = REQUESTS * RATIO - RATIO_ROOM;
        Guarantees.add(Figure.UNTRUSTED_HIDDEN_BELOW_RATIO, Math.max(0, (long) Math.ceil(expectedAtLeast) - recorded));
        assertTrue(recorded >= expectedAtLeast, recorded + " of " + REQUESTS + " 'not sampled' requests recorded at "
                + "ratio " + RATIO + "; at least " + expectedAtLeast + " expected");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "traceparent", "b3" })
    void aTrustedCallersSampledFlagIsAlwaysRecorded(String format) {
        Set<String> traceIds = send(format, true, true, false);
        long recorded = await().atMost(Duration.ofSeconds(60)).until(() -> countRecorded(traceIds),
                count -> count == REQUESTS);
        Guarantees.add(Figure.TRUSTED_NOT_RECORDED, REQUESTS - recorded);
        assertEquals(REQUESTS, recorded);
    }

    /** Sends the requests (8 at a time), each continuing a new trace of its own; returns their trace ids. */
    private static Set<String> send(String format, boolean trusted, boolean sampled, boolean idsBelowRatio) {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int request = 0; request < REQUESTS; request++) {
                sent.add(clients.submit(() -> {
                    String traceId = idsBelowRatio ? hex(8) + "00000000000000" + hex(1) : hex(16);
                    List<String> headers = new ArrayList<>(format.equals("b3")
                            ? List.of("X-B3-TraceId", traceId, "X-B3-SpanId", hex(8), "X-B3-Sampled",
                                    sampled ? "1" : "0")
                            : List.of("traceparent", "00-" + traceId + "-" + hex(8) + (sampled ? "-01" : "-00")));
                    if (trusted) {
                        headers.addAll(List.of("x-tracing-token", TOKEN));
                    }
                    HttpResponse<String> response = get(system.order.baseUrl() + "/api/orders/" + UUID.randomUUID(),
                            headers.toArray(String[]::new));
                    assertEquals(404, response.statusCode(), response::body);
                    assertEquals(traceId, traceIdOf(response), "the caller's trace is continued");
                    return traceId;
                }));
            }
            return sent.stream().map(UntrustedSamplingGuaranteeTest::join).collect(Collectors.toSet());
        } finally {
            clients.shutdownNow();
        }
    }

    /** How many of the traces were recorded, once their spans have stopped arriving. */
    private static long recordedOf(Set<String> traceIds) {
        long[] last = { -1 };
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = countRecorded(traceIds);
            boolean settled = now == last[0];
            last[0] = now;
            return settled ? now : null;
        }, count -> count != null);
    }

    private static long countRecorded(Set<String> traceIds) {
        return system.receiver.spans().stream()
                .filter(span -> span.serviceName().equals(RunningSystem.ORDER) && span.name().equals(SERVER_SPAN))
                .map(span -> span.traceId())
                .filter(traceIds::contains)
                .distinct().count();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros (invalid)
        return HexFormat.of().formatHex(random);
    }

    private static String join(Future<String> future) {
        try {
            return future.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw new IllegalStateException(failed.getCause());
        }
    }
}
