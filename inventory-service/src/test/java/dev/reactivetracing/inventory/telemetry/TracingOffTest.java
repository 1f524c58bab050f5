package dev.reactivetracing.inventory.telemetry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.commons.telemetry.ReactiveSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/**
 * Tracing off ({@code quarkus.otel.sdk.disabled=true}) records nothing: the services' own spans come from a no-op
 * tracer, not from the recording SDK that a disabled SDK still hands out (see TracerProducer), and requests are served
 * as usual.
 */
@QuarkusTest
@TestProfile(TracingOffTest.SdkDisabled.class)
class TracingOffTest {

    public static class SdkDisabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "true");
        }
    }

    @Inject
    Tracer tracer;

    @Inject
    OpenTelemetry openTelemetry;

    @Inject
    ReactiveSpans reactiveSpans;

    @Test
    void theServicesOwnSpansAreNeitherRecordedNorGivenIds() {
        Span span = tracer.spanBuilder("probe").startSpan();
        assertFalse(span.isRecording(), "a span of the project's tracer is recorded with the SDK disabled");
        assertFalse(span.getSpanContext().isValid());
        span.end();

        Span inPipeline = reactiveSpans.inSpan("probe", pipelineSpan -> Uni.createFrom().item(pipelineSpan))
                .await().atMost(Duration.ofSeconds(10));
        assertFalse(inPipeline.isRecording());
    }

    /**
     * Canary of the workaround (docs/upstream.md): the extension's OpenTelemetry, whose tracer its default Tracer
     * bean hands out, still records spans with the SDK disabled. When this fails, TracerProducer can go.
     */
    @Test
    void canaryTheExtensionsTracerRecordsWithTheSdkDisabled() {
        Span span = openTelemetry.getTracer("canary").spanBuilder("canary").startSpan();
        assertTrue(span.isRecording(), "the extension's tracer no longer records with the SDK disabled: "
                + "remove TracerProducer and this canary");
        span.end();
    }

    @Test
    void requestsAreServedWithTracingOff() {
        given().get("/api/products?size=1").then().statusCode(200);
        given().get("/api/products/{id}", "NOPE-OFF").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
