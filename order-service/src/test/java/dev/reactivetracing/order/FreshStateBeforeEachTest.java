package dev.reactivetracing.order;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Quarkus keeps one application for every test class of a profile, so what one test leaves in it, the next one
 * meets. Before each test: every circuit breaker closed (one opened by a test about faults, or by a slow moment on a
 * busy machine, would answer 503 to the classes after it). Registered in META-INF/services. Database rows need no
 * reset: every test counts only the rows of its own customers, products and orders.
 */
public class FreshStateBeforeEachTest implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        Arc.container().instance(CircuitBreakerMaintenance.class).get().resetAll();
    }
}
