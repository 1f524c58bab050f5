package dev.reactivetracing.order.telemetry;

import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import jakarta.ws.rs.client.ClientRequestContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.impl.ClientRequestContextImpl;

import dev.reactivetracing.commons.errors.Causes;

/**
 * The outcome of a REST client call, which JAX-RS filters cannot see: a call whose connection fails never reaches a
 * response filter. The Quarkus REST client exposes the call's result; this reads it.
 */
final class RestClientCallOutcome {

    private static final Logger LOG = Logger.getLogger(RestClientCallOutcome.class);
    private static volatile boolean warnedAboutImplementation;

    private RestClientCallOutcome() {
    }

    /** Runs {@code action} with the failure if the call fails (also after a response, e.g. a mapped 409). */
    static void whenFailed(ClientRequestContext request, Consumer<Throwable> action) {
        if (!(request instanceof ClientRequestContextImpl quarkusRequest)) {
            // Another REST client implementation: the hooks would silently do nothing, so say it once.
            if (!warnedAboutImplementation) {
                warnedAboutImplementation = true;
                LOG.warnf("REST client request %s is not the Quarkus REST client's: calls that fail to connect are"
                        + " neither traced nor measured", request.getClass().getName());
            }
            return;
        }
        quarkusRequest.getRestClientRequestContext().getResult().whenComplete((response, failure) -> {
            if (failure != null) {
                action.accept(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure);
            }
        });
    }

    static String rootCauseType(Throwable failure) {
        return Causes.root(failure).getClass().getName();
    }
}
