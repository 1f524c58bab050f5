package dev.reactivetracing.commons.telemetry;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import dev.reactivetracing.commons.errors.Causes;
import dev.reactivetracing.commons.problem.ProblemException;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.semconv.ErrorAttributes;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Spans around Mutiny pipelines that stay the parent of everything the pipeline does, whatever thread or callback
 * it continues on.
 * <p>
 * Quarkus keeps the current OpenTelemetry context on the Vert.x duplicated context, and Mutiny's context propagation
 * restores, at the end of each callback, the context that was current when that callback began. Making a span
 * current with a scope on the request's context (what {@code @WithSpan} does) therefore lasts only until the next
 * callback ends: a callback Vert.x delivers later (the SQL client's BEGIN, a timer) finds the request's context
 * rolled back to the server span, and spans started there get the wrong parent. So each span here runs its pipeline
 * on a new duplicated context that starts with the span current (and the caller's MDC) and is thrown away
 * afterwards: on it, nothing can roll back below the span. The result is handed back on the caller's context, where
 * the caller's span is current again. Pipelines that run side by side ({@code Uni.combine()}) each get their own
 * context for the same reason.
 * <p>
 * Blocking callers (worker or virtual threads) keep the plain scope: a hop to the event loop would run blocking code
 * there.
 */
@ApplicationScoped
public class ReactiveSpans {

    private static final int MAX_CAUSES = 8;
    private static final int MAX_DESCRIPTION = 200;

    private final Tracer tracer;
    private final Rejections rejections;

    public ReactiveSpans(Tracer tracer, Rejections rejections) {
        this.tracer = tracer;
        this.rejections = rejections;
    }

    public <T> Uni<T> inSpan(String name, Function<Span, Uni<T>> pipeline) {
        return inSpan(name, SpanKind.INTERNAL, pipeline);
    }

    /**
     * Runs {@code pipeline} inside a new span, child of the current context. The function gets the span to put
     * attributes on as results arrive; it must not end it.
     */
    public <T> Uni<T> inSpan(String name, SpanKind kind, Function<Span, Uni<T>> pipeline) {
        return Uni.createFrom().deferred(() -> startAndRun(name, kind, Context.current(), pipeline));
    }

    /**
     * Like {@link #inSpan(String, SpanKind, Function)}, with an explicit parent: for work that continues a trace
     * from elsewhere, such as an event carrying the context of the span that wrote it.
     */
    public <T> Uni<T> inSpan(String name, SpanKind kind, Context parent, Function<Span, Uni<T>> pipeline) {
        return Uni.createFrom().deferred(() -> startAndRun(name, kind, parent, pipeline));
    }

    private <T> Uni<T> startAndRun(String name, SpanKind kind, Context parent, Function<Span, Uni<T>> pipeline) {
        Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
        if (!span.getSpanContext().isValid()) {
            // Tracing off (the no-op tracer of TracerProducer): no ids to propagate or log, no context to keep.
            return untraced(span, pipeline);
        }
        Context spanContext = parent.with(span);
        io.vertx.core.Context caller = Vertx.currentContext();
        if (caller == null || !io.vertx.core.Context.isOnEventLoopThread()) {
            return inScope(span, spanContext, pipeline);
        }
        io.vertx.core.Context spanVertxContext = VertxContext.createNewDuplicatedContext(caller);
        Map<String, Object> callerMdc = MDC.getMap();
        return Uni.createFrom().deferred(() -> {
            // On the span's own context: never closed, the context is discarded with the pipeline.
            callerMdc.forEach(MDC::put);
            spanContext.makeCurrent();
            return pipeline.apply(span);
        })
                .runSubscriptionOn(task -> spanVertxContext.runOnContext(ignored -> task.run()))
                .onTermination().invoke((item, failure, cancelled) -> end(span, failure, cancelled))
                .emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private <T> Uni<T> inScope(Span span, Context spanContext, Function<Span, Uni<T>> pipeline) {
        Uni<T> traced;
        try (Scope ignored = spanContext.makeCurrent()) {
            traced = pipeline.apply(span);
        } catch (RuntimeException assemblyFailure) {
            traced = Uni.createFrom().failure(assemblyFailure);
        }
        return traced.onTermination().invoke((item, failure, cancelled) -> end(span, failure, cancelled));
    }

    private <T> Uni<T> untraced(Span span, Function<Span, Uni<T>> pipeline) {
        Uni<T> untraced;
        try {
            untraced = pipeline.apply(span);
        } catch (RuntimeException assemblyFailure) {
            untraced = Uni.createFrom().failure(assemblyFailure);
        }
        return untraced;
    }

    void end(Span span, Throwable failure, boolean cancelled) {
        if (cancelled) {
            recordCancellation(span);
        } else if (failure instanceof ProblemException problem && problem.isClientError()) {
            rejections.record(span, problem.rejectionReason());
        } else if (failure != null) {
            recordFailure(span, failure);
        }
        span.end();
    }

    /**
     * A pipeline cancelled before it finished (an attempt's time limit, a client gone): ERROR, with
     * {@code error.type} naming the cancellation, because the work it stood for did not complete.
     */
    public static void recordCancellation(Span span) {
        span.setStatus(StatusCode.ERROR, "cancelled");
        span.setAttribute(ErrorAttributes.ERROR_TYPE, CancellationException.class.getName());
    }

    /**
     * ERROR status, {@code error.type}, and an exception event that names every cause (a short chain of
     * "Type: message", {@link ProjectAttributes#EXCEPTION_CAUSE_CHAIN}).
     */
    public static void recordFailure(Span span, Throwable failure) {
        span.recordException(failure, Attributes.of(ProjectAttributes.EXCEPTION_CAUSE_CHAIN, causeChain(failure)));
        span.setAttribute(ErrorAttributes.ERROR_TYPE, failure.getClass().getName());
        span.setStatus(StatusCode.ERROR, description(failure));
    }

    static String causeChain(Throwable failure) {
        return Causes.chain(failure).stream().limit(MAX_CAUSES)
                .map(cause -> cause.getClass().getName()
                        + (cause.getMessage() == null ? "" : ": " + truncate(cause.getMessage())))
                .collect(Collectors.joining(" <- "));
    }

    private static String description(Throwable failure) {
        String message = failure.getMessage();
        return truncate(message == null ? failure.getClass().getSimpleName() : message);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION) + "...";
    }
}
