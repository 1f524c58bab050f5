package dev.reactivetracing.inventory.telemetry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reactivetracing.commons.telemetry.ProjectAttributes;
import dev.reactivetracing.testing.trace.SpanTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Head sampling as configured: ratio for new traces, the caller's decision, and x-force-trace within its rate. The
 * forced-trace limit is per instance, so the test that exhausts it runs last.
 */
@QuarkusTest
@TestProfile(NoSamplingProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamplingTest {

    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter exporter;

    @BeforeEach
    void forget() {
        exporter.reset();
    }

    @Test
    void newTracesFollowTheRatio() {
        String traceResponse = given().get("/api/products/{id}", "NOPE-S1").then().statusCode(404).extract()
                .header("traceresponse");
        assertTrue(traceResponse.endsWith("-00"), "the response says: not sampled, " + traceResponse);
        assertNothingExportedFor(SpanTree.traceIdOf(traceResponse));
    }

    @Test
    void forcedTraceIsSampledWholeAndMarked() {
        String traceId = SpanTree.traceIdOf(given().header("x-force-trace", "true")
                .get("/api/products?size=1").then().statusCode(200).extract().header("traceresponse"));

        SpanTree trace = SpanTree.await(exporter, traceId, tree -> tree.has("SELECT product")
                && tree.spans().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
        assertEquals(Boolean.TRUE, trace.server().getAttributes().get(ProjectAttributes.SAMPLING_FORCED));
        trace.assertChildOf(trace.single("SELECT product"), trace.server());
    }

    @Test
    void callersSampledDecisionIsHonoured() {
        String sampled = newTraceId();
        given().header("traceparent", "00-" + sampled + "-" + CALLER_SPAN + "-01")
                .get("/api/products/{id}", "NOPE-S2").then().statusCode(404);
        SpanTree.await(exporter, sampled, tree -> !tree.spans().isEmpty());

        String notSampled = newTraceId();
        given().header("traceparent", "00-" + notSampled + "-" + CALLER_SPAN + "-00")
                .get("/api/products/{id}", "NOPE-S3").then().statusCode(404);
        assertNothingExportedFor(notSampled);
    }

    @Test
    void forceOverridesACallerThatDidNotSample() {
        String traceId = newTraceId();
        given().header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-00").header("x-force-trace", "true")
                .get("/api/products/{id}", "NOPE-S4").then().statusCode(404);
        SpanData server = SpanTree.await(exporter, traceId, tree -> !tree.spans().isEmpty()).server();
        assertEquals(CALLER_SPAN, server.getParentSpanId(), "still the caller's trace");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void forcingIsRateLimited() throws InterruptedException {
        Thread.sleep(1100); // a full bucket, whatever the tests before took
        int forcedRequests = 12;
        int sampled = 0;
        long start = System.nanoTime();
        for (int request = 0; request < forcedRequests; request++) {
            String traceResponse = given().header("x-force-trace", "true").get("/api/products/{id}", "NOPE-S5")
                    .then().statusCode(404).extract().header("traceresponse");
            if (traceResponse.endsWith("-01")) {
                sampled++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // A full bucket (one second's worth) plus what refilled while the requests ran.
        int mostAllowed = NoSamplingProfile.FORCED_PER_SECOND
                + (int) Math.ceil(seconds * NoSamplingProfile.FORCED_PER_SECOND);
        assertTrue(sampled >= NoSamplingProfile.FORCED_PER_SECOND && sampled <= mostAllowed,
                "forced and sampled: " + sampled + " of " + forcedRequests + " in " + seconds + " s");
        assertTrue(sampled < forcedRequests, "the limit held back some of " + forcedRequests);
    }

    @Test
    void healthChecksAreNeverTraced() {
        given().header("x-force-trace", "true").get("/q/health/ready").then().statusCode(200);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> exporter.getFinishedSpanItems().isEmpty());
    }

    private void assertNothingExportedFor(String traceId) {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> SpanTree.of(exporter, traceId).spans().isEmpty());
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
