package dev.reactivetracing.commons.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

class ServiceResourceProducerTest {

    @Test
    void parsesTheOtelResourceAttributesFormat() {
        Attributes attributes = ServiceResourceProducer.parse(
                "k8s.pod.name=order-7f9c,service.version=1.2.3, team = payments%20core ,broken,=empty");
        assertEquals("order-7f9c", attributes.get(AttributeKey.stringKey("k8s.pod.name")));
        assertEquals("1.2.3", attributes.get(AttributeKey.stringKey("service.version")));
        assertEquals("payments core", attributes.get(AttributeKey.stringKey("team")));
        assertEquals(3, attributes.size());
        assertTrue(ServiceResourceProducer.parse("").isEmpty());
    }

    @Test
    void theEnvironmentIsTheNamedOneElseTheActiveProfileNeverAGuess() {
        assertEquals("eu-prod", ServiceResourceProducer.environmentName(Optional.of("eu-prod"), List.of("prod")));
        assertEquals("canary", ServiceResourceProducer.environmentName(Optional.empty(), List.of("canary")));
        assertEquals("staging", ServiceResourceProducer.environmentName(Optional.empty(), List.of("staging", "prod")));
        assertEquals("test", ServiceResourceProducer.environmentName(Optional.of(" "), List.of("test")));
    }

    @Test
    void plusIsAPlusNotASpace() {
        assertEquals("a+b", ServiceResourceProducer.parse("tag=a+b").get(AttributeKey.stringKey("tag")));
    }
}
