package dev.reactivetracing.order.telemetry;

import java.time.Duration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import dev.reactivetracing.commons.telemetry.ReactiveSpans;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * Test-only endpoints, one per kind of thread hop the product code does not make itself. Each opens a span
 * ({@code before}), crosses the hop, and starts a {@code leaf} span there: the leaf's parent tells whether the context
 * survived.
 */
@Path("/test/hops")
public class HopsResource {

    static final String BEFORE = "before";
    static final String LEAF = "leaf";

    private final ReactiveSpans spans;
    private final Tracer tracer;
    private final Vertx vertx;

    public HopsResource(ReactiveSpans spans, Tracer tracer, Vertx vertx) {
        this.spans = spans;
        this.tracer = tracer;
        this.vertx = vertx;
    }

    /** (1) An event-loop endpoint whose pipeline continues in a Vert.x timer callback. */
    @GET
    @Path("/event-loop-timer")
    public Uni<String> eventLoopTimer() {
        return spans.inSpan(BEFORE, span -> timer(Duration.ofMillis(20)).map(ignored -> leaf()));
    }

    /** (2) A blocking endpoint: the leaf starts on a worker thread, under the server span. */
    @GET
    @Path("/blocking")
    @Blocking
    public String blocking() {
        return leaf();
    }

    /** (2') Blocking code that waits for a traced pipeline: the pipeline's spans nest under it. */
    @GET
    @Path("/blocking-awaits-span")
    @Blocking
    public String blockingAwaitsSpan() {
        return spans.inSpan(BEFORE, span -> Uni.createFrom().item(this::leaf)).await().atMost(Duration.ofSeconds(5));
    }

    /** (3) emitOn the default worker pool. */
    @GET
    @Path("/emit-on-worker-pool")
    public Uni<String> emitOnWorkerPool() {
        return spans.inSpan(BEFORE, span -> Uni.createFrom().item("x")
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(ignored -> leaf()));
    }

    /** (3') runSubscriptionOn the default (context-propagating) executor. */
    @GET
    @Path("/run-subscription-on-executor")
    public Uni<String> runSubscriptionOnExecutor() {
        return spans.inSpan(BEFORE, span -> Uni.createFrom().item(this::leaf)
                .runSubscriptionOn(Infrastructure.getDefaultExecutor()));
    }

    /** (4) Vert.x executeBlocking. */
    @GET
    @Path("/execute-blocking")
    public Uni<String> executeBlocking() {
        return spans.inSpan(BEFORE, span -> Uni.createFrom().completionStage(
                () -> vertx.executeBlocking((java.util.concurrent.Callable<String>) this::leaf, false)
                        .toCompletionStage()));
    }

    /** (5) A virtual-thread endpoint that also waits for a traced pipeline. */
    @GET
    @Path("/virtual-thread")
    @RunOnVirtualThread
    public String virtualThread() {
        if (!Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("not on a virtual thread");
        }
        return spans.inSpan(BEFORE, span -> timer(Duration.ofMillis(10)).map(ignored -> leaf()))
                .await().atMost(Duration.ofSeconds(5));
    }

    /**
     * (6) Two branches side by side, each with a span of its own and an async step inside: each leaf must find its
     * own branch, not the other one.
     */
    @GET
    @Path("/combine")
    public Uni<String> combine() {
        return spans.inSpan(BEFORE, span -> Uni.combine().all().unis(
                spans.inSpan("branch-a", branch -> timer(Duration.ofMillis(30)).map(ignored -> leaf("leaf-a"))),
                spans.inSpan("branch-b", branch -> timer(Duration.ofMillis(5)).map(ignored -> leaf("leaf-b"))))
                .asTuple()
                .map(ignored -> leaf()));
    }

    private Uni<Long> timer(Duration delay) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(delay.toMillis(), emitter::complete));
    }

    private String leaf() {
        return leaf(LEAF);
    }

    private String leaf(String name) {
        tracer.spanBuilder(name).startSpan().end();
        return name;
    }
}
