package dev.reactivetracing.commons.telemetry;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import dev.reactivetracing.commons.problem.ProblemException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Spans around Mutiny pipelines, the way the Quarkus OpenTelemetry extension does it for {@code @WithSpan}: the span
 * starts when the pipeline is subscribed, becomes current on the request's Vert.x duplicated context (where Quarkus
 * keeps the OpenTelemetry context, so every callback of the pipeline on that context sees it), and ends when the
 * pipeline terminates, giving the context back to the parent.
 * <p>
 * One duplicated context holds one current span. Pipelines that run side by side ({@code Uni.combine()}) and each
 * open spans must therefore run on forks of the context: {@link #onForkedContext(Supplier)}.
 */
@ApplicationScoped
public class ReactiveSpans {

    /** A short chain of "Type: message" for the failure and its causes, on the exception event. */
    public static final AttributeKey<String> EXCEPTION_CAUSE_CHAIN = AttributeKey.stringKey("exception.cause_chain");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

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
        Scope scope = parent.with(span).makeCurrent();
        Uni<T> traced;
        try {
            traced = pipeline.apply(span);
        } catch (RuntimeException assemblyFailure) {
            traced = Uni.createFrom().failure(assemblyFailure);
        }
        return traced.onTermination().invoke((item, failure, cancelled) -> {
            try {
                end(span, failure, cancelled);
            } finally {
                scope.close();
            }
        });
    }

    /**
     * Subscribes {@code branch} on a new duplicated context that starts with the current OpenTelemetry context and MDC,
     * and hands its result back on the caller's context. Use it for each branch of a {@code Uni.combine()} whose
     * branches open spans of their own.
     */
    public static <T> Uni<T> onForkedContext(Supplier<Uni<T>> branch) {
        return Uni.createFrom().deferred(() -> {
            io.vertx.core.Context caller = Vertx.currentContext();
            if (caller == null) {
                return branch.get();
            }
            Context otelContext = Context.current();
            Map<String, Object> mdc = MDC.getMap();
            io.vertx.core.Context fork = VertxContext.createNewDuplicatedContext(caller);
            return Uni.createFrom().deferred(() -> {
                otelContext.makeCurrent(); // the fork is thrown away afterwards, so the scope needs no closing
                mdc.forEach(MDC::put);
                return branch.get();
            })
                    .runSubscriptionOn(task -> fork.runOnContext(ignored -> task.run()))
                    .emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    void end(Span span, Throwable failure, boolean cancelled) {
        if (cancelled) {
            span.setStatus(StatusCode.ERROR, "cancelled");
            span.setAttribute(ERROR_TYPE, CancellationException.class.getName());
        } else if (failure instanceof ProblemException problem && problem.isClientError()) {
            rejections.record(span, problem.rejectionReason());
        } else if (failure != null) {
            recordFailure(span, failure);
        }
        span.end();
    }

    /** ERROR status, {@code error.type}, and an exception event that names every cause. */
    public static void recordFailure(Span span, Throwable failure) {
        span.recordException(failure, Attributes.of(EXCEPTION_CAUSE_CHAIN, causeChain(failure)));
        span.setAttribute(ERROR_TYPE, failure.getClass().getName());
        span.setStatus(StatusCode.ERROR, description(failure));
    }

    static String causeChain(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            if (depth > 0) {
                chain.append(" <- ");
            }
            chain.append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                chain.append(": ").append(truncate(cause.getMessage()));
            }
            if (cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        return chain.toString();
    }

    private static String description(Throwable failure) {
        String message = failure.getMessage();
        return truncate(message == null ? failure.getClass().getSimpleName() : message);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION) + "...";
    }
}
