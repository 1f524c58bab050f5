package dev.reactivetracing.order.telemetry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import dev.reactivetracing.testing.schema.TelemetryContract;
import dev.reactivetracing.testing.trace.SpanTree;

/**
 * After every kind of hop, the next span has the right parent in the same trace. The hops the product code makes
 * itself (reactive SQL transactions, REST client with retries, the outbox) are asserted on the product endpoints:
 * CreateOrderTraceTest and InventoryFaultsTraceTest.
 */
@QuarkusTest
class ContextHopsTest {

    @Inject
    InMemorySpanExporter exporter;

    /**
     * Every span exported so far follows the schema. HopsResource's own spans (and its server spans) are test-only:
     * the schema lists them under test_only, and the checker skips them.
     */
    @AfterEach
    void exportedSpansFollowTheTelemetrySchema() {
        TelemetryContract.assertSpansConform(exporter.getFinishedSpanItems());
    }

    @Test
    void vertxTimerCallbackKeepsTheSpan() {
        SpanTree trace = call("/test/hops/event-loop-timer", HopsResource.LEAF);
        trace.assertChildOf(trace.single(HopsResource.LEAF), trace.single(HopsResource.BEFORE));
        trace.assertChildOf(trace.single(HopsResource.BEFORE), trace.server());
    }

    @Test
    void blockingEndpointRunsUnderTheServerSpan() {
        SpanTree trace = call("/test/hops/blocking", HopsResource.LEAF);
        trace.assertChildOf(trace.single(HopsResource.LEAF), trace.server());
    }

    @Test
    void blockingCodeAwaitingATracedPipelineNestsItsSpans() {
        SpanTree trace = call("/test/hops/blocking-awaits-span", HopsResource.LEAF);
        trace.assertChildOf(trace.single(HopsResource.LEAF), trace.single(HopsResource.BEFORE));
        trace.assertChildOf(trace.single(HopsResource.BEFORE), trace.server());
    }

    @Test
    void emitOnTheWorkerPoolKeepsTheSpan() {
        SpanTree trace = call("/test/hops/emit-on-worker-pool", HopsResource.LEAF);
        trace.assertChildOf(trace.single(HopsResource.LEAF), trace.single(HopsResource.BEFORE));
    }

    @Test
    void runSubscriptionOnTheDefaultExecutorKeepsTheSpan() {
        SpanTree trace = call("/test/hops/run-subscription-on-executor", HopsResource.LEAF);
        trace.assertChildOf(trace.single(HopsResource.LEAF), trace.single(HopsResource.BEFORE));
    }

    @Test
    void vertxExecuteBlockingKeepsTheSpan() {
        SpanTree trace = call("/test/hops/execute-blocking", HopsResource.LEAF);
        trace.assertChildOf(trace.single(HopsResource.LEAF), trace.single(HopsResource.BEFORE));
    }

    @Test
    void virtualThreadEndpointKeepsTheTrace() {
        SpanTree trace = call("/test/hops/virtual-thread", HopsResource.LEAF);
        trace.assertChildOf(trace.single(HopsResource.LEAF), trace.single(HopsResource.BEFORE));
        trace.assertChildOf(trace.single(HopsResource.BEFORE), trace.server());
    }

    @Test
    void parallelBranchesEachKeepTheirOwnSpan() {
        SpanTree trace = call("/test/hops/combine", HopsResource.LEAF);
        SpanData before = trace.single(HopsResource.BEFORE);
        SpanData branchA = trace.single("branch-a");
        SpanData branchB = trace.single("branch-b");
        trace.assertChildOf(branchA, before).assertChildOf(branchB, before);
        trace.assertChildOf(trace.single("leaf-a"), branchA);
        trace.assertChildOf(trace.single("leaf-b"), branchB);
        // After the join, the caller's span is current again.
        trace.assertChildOf(trace.single(HopsResource.LEAF), before);
        assertEquals(7, trace.spans().size(), trace.dump());
    }

    private SpanTree call(String path, String lastSpan) {
        String traceId = SpanTree.traceIdOf(given().get(path).then().statusCode(200).extract()
                .header("traceresponse"));
        return SpanTree.await(exporter, traceId, tree -> tree.has(lastSpan)
                && tree.spans().stream().anyMatch(span -> span.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER));
    }
}
