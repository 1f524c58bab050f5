package dev.reactivetracing.bench.otelpatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.quarkus.opentelemetry.runtime.OpenTelemetryUtil;
import io.quarkus.vertx.core.runtime.VertxMDC;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The patched {@code OpenTelemetryUtil.setMDCData} (on this module's class path ahead of the extension's) keeps what
 * the original guarantees: the MDC holds the attached span's ids and nothing stale, other MDC entries stay, and a
 * context whose locals were copied from another (a nested context shares its MDC map) never writes into the other's.
 */
class MdcCopyTest {

    private Vertx vertx;
    private SdkTracerProvider tracerProvider;
    private Tracer tracer;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        tracerProvider = SdkTracerProvider.builder().build();
        tracer = tracerProvider.get("mdc-copy-test");
    }

    @AfterEach
    void stop() throws Exception {
        tracerProvider.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theMdcFollowsTheAttachedSpanWithNothingStaleAndKeepsOtherEntries() throws Exception {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        Span parent = tracer.spanBuilder("parent").setNoParent().startSpan();
        Span child = tracer.spanBuilder("child").setParent(parent.storeInContext(io.opentelemetry.context.Context.root()))
                .startSpan();
        Span otherRoot = tracer.spanBuilder("other-root").setNoParent().startSpan();

        on(context, () -> {
            VertxMDC.INSTANCE.put("requestId", "r-1", context);
            attach(parent, context);
            assertIds(parent, null, context);

            attach(child, context); // written in place: the context's map is its own by now
            assertIds(child, parent.getSpanContext().getSpanId(), context);

            attach(otherRoot, context); // a root span: the child's parent id must not stay behind
            assertIds(otherRoot, null, context);

            attach(otherRoot, context); // the same span again: nothing to write
            assertIds(otherRoot, null, context);
            assertEquals("r-1", VertxMDC.INSTANCE.get("requestId", context));
            return null;
        });
    }

    @Test
    void aNestedContextNeverWritesIntoTheMdcOfTheContextItWasCopiedFrom() throws Exception {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        Span first = tracer.spanBuilder("first").setNoParent().startSpan();
        Span second = tracer.spanBuilder("second").setNoParent().startSpan();

        Context nested = on(context, () -> {
            attach(first, context);
            return VertxContext.newNestedContext(context); // copies the locals: the MDC map and its owner
        });
        on(nested, () -> {
            attach(second, nested);
            assertIds(second, null, nested);
            return null;
        });
        on(context, () -> {
            assertIds(first, null, context);
            return null;
        });
    }

    private static void attach(Span span, Context vertxContext) {
        OpenTelemetryUtil.setMDCData(span.storeInContext(io.opentelemetry.context.Context.root()), vertxContext);
    }

    private static void assertIds(Span span, String parentId, Context vertxContext) {
        assertEquals(span.getSpanContext().getSpanId(), VertxMDC.INSTANCE.get(OpenTelemetryUtil.SPAN_ID, vertxContext));
        assertEquals(span.getSpanContext().getTraceId(),
                VertxMDC.INSTANCE.get(OpenTelemetryUtil.TRACE_ID, vertxContext));
        assertEquals("true", VertxMDC.INSTANCE.get(OpenTelemetryUtil.SAMPLED, vertxContext));
        if (parentId == null) {
            assertNull(VertxMDC.INSTANCE.get(OpenTelemetryUtil.PARENT_ID, vertxContext));
        } else {
            assertEquals(parentId, VertxMDC.INSTANCE.get(OpenTelemetryUtil.PARENT_ID, vertxContext));
        }
    }

    /** Runs on the Vert.x context, as the extension does (the MDC copy reads the current context's map). */
    private static <T> T on(Context context, Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            try {
                result.complete(work.call());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}
