package dev.reactivetracing.deploy;

import static dev.reactivetracing.deploy.Repository.list;
import static dev.reactivetracing.deploy.Repository.listAt;
import static dev.reactivetracing.deploy.Repository.map;
import static dev.reactivetracing.deploy.Repository.mapAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CollectorConfigTest {

    static final String CONFIG = "deploy/otel-collector/config.yaml";
    static final String KUBERNETES_COPY = "deploy/k8s/base/otel-collector/config.yaml";

    private static Map<String, Object> config;
    private static Map<String, Object> pipelines;

    @BeforeAll
    static void readConfig() {
        config = Repository.yaml(CONFIG);
        pipelines = mapAt(config, "service.pipelines");
    }

    @Test
    void kubernetesCopyIsIdenticalToTheComposeConfiguration() {
        assertEquals(Repository.text(CONFIG), Repository.text(KUBERNETES_COPY),
                KUBERNETES_COPY + " must be a copy of " + CONFIG + " (kustomize cannot read files outside deploy/k8s)");
    }

    @Test
    void receivesOtlpOnGrpc4317AndHttp4318OnAllInterfaces() {
        assertEquals("0.0.0.0:4317", mapAt(config, "receivers.otlp.protocols.grpc").get("endpoint"));
        assertEquals("0.0.0.0:4318", mapAt(config, "receivers.otlp.protocols.http").get("endpoint"));
    }

    @Test
    void tailSamplingKeepsErrorsSlowTracesForcedTracesAndAProbabilisticShare() {
        List<Map<String, Object>> policies = new ArrayList<>();
        for (Object policy : listAt(config, "processors.tail_sampling.policies")) {
            policies.add(map(policy, "policy"));
        }
        assertTrue(policies.stream().anyMatch(policy -> "status_code".equals(policy.get("type"))
                && listAt(policy, "status_code.status_codes").equals(List.of("ERROR"))), "keeps every ERROR trace");
        assertTrue(policies.stream().anyMatch(policy -> "latency".equals(policy.get("type"))
                && ((Number) Repository.at(policy, "latency.threshold_ms")).longValue() > 0), "keeps slow traces");
        assertTrue(policies.stream().anyMatch(policy -> "boolean_attribute".equals(policy.get("type"))
                && "reactivetracing.sampling.forced".equals(Repository.at(policy, "boolean_attribute.key"))
                && Boolean.TRUE.equals(Repository.at(policy, "boolean_attribute.value"))),
                "keeps traces with reactivetracing.sampling.forced=true");
        assertTrue(policies.stream().anyMatch(policy -> "probabilistic".equals(policy.get("type"))
                && percentage(Repository.at(policy, "probabilistic.sampling_percentage"))),
                "keeps a probabilistic share of the rest");
        // Any inverted or drop policy would veto the "keep" policies above.
        assertTrue(policies.stream().noneMatch(policy -> "drop".equals(policy.get("type"))
                || String.valueOf(policy).contains("invert_match=true")), "no policy vetoes a keep decision");
    }

    private static boolean percentage(Object value) {
        double percent = ((Number) value).doubleValue();
        return percent > 0 && percent < 100;
    }

    @Test
    void spanMetricsCountEverySpanBecauseTheyAreFedBeforeTailSampling() {
        List<String> feeding = pipelinesWhere(pipeline -> strings(pipeline, "exporters").contains("spanmetrics"));
        assertFalse(feeding.isEmpty(), "a traces pipeline exports to the spanmetrics connector");
        for (String name : feeding) {
            Map<String, Object> pipeline = pipeline(name);
            assertTrue(name.startsWith("traces"), name);
            assertEquals(List.of("otlp"), strings(pipeline, "receivers"), name + " receives straight from the services");
            assertFalse(strings(pipeline, "processors").contains("tail_sampling"), name + " must not tail-sample");
        }
        assertFalse(pipelinesWhere(pipeline -> strings(pipeline, "receivers").contains("spanmetrics")
                && strings(pipeline, "exporters").contains("prometheus")).isEmpty(), "span metrics reach Prometheus");
    }

    @Test
    void tracesReachTheBackendOnlyThroughTailSampling() {
        List<String> toBackend = pipelinesWhere(pipeline -> strings(pipeline, "exporters").contains("otlp/backend"));
        assertFalse(toBackend.isEmpty(), "some pipeline exports to the trace backend");
        for (String name : toBackend) {
            assertTrue(strings(pipeline(name), "processors").contains("tail_sampling"), name);
        }
        // Jaeger unless TRACES_BACKEND_ENDPOINT says otherwise (docker-compose.tempo.yml: Tempo).
        assertEquals("${env:TRACES_BACKEND_ENDPOINT:-jaeger:4317}",
                mapAt(config, "exporters.otlp/backend").get("endpoint"));
        assertEquals(Boolean.TRUE, Repository.at(config, "exporters.otlp/backend.tls.insecure"));
    }

    @Test
    void everyPipelineReceivingFromTheServicesStartsWithTheMemoryLimiter() {
        List<String> fromOutside = pipelinesWhere(pipeline -> strings(pipeline, "receivers").contains("otlp"));
        assertFalse(fromOutside.isEmpty());
        for (String name : fromOutside) {
            List<String> processors = strings(pipeline(name), "processors");
            assertFalse(processors.isEmpty(), name + " has no processors");
            assertEquals("memory_limiter", processors.get(0), name);
        }
        assertTrue(mapAt(config, "processors").containsKey("memory_limiter"));
    }

    @Test
    void everyPipelineLeavingTheCollectorBatchesLast() {
        Map<String, Object> connectors = mapAt(config, "connectors");
        List<String> leaving = pipelinesWhere(pipeline -> strings(pipeline, "exporters").stream()
                .anyMatch(exporter -> !connectors.containsKey(exporter)));
        assertFalse(leaving.isEmpty());
        for (String name : leaving) {
            List<String> processors = strings(pipeline(name), "processors");
            assertEquals("batch", processors.get(processors.size() - 1), name);
        }
    }

    @Test
    void healthCheckExtensionServesProbesOnPort13133() {
        assertEquals("0.0.0.0:13133", mapAt(config, "extensions.health_check").get("endpoint"));
        assertTrue(listAt(config, "service.extensions").contains("health_check"));
    }

    @Test
    void everyComponentAPipelineUsesIsDeclared() {
        Map<String, Object> connectors = mapAt(config, "connectors");
        for (Entry<String, Object> entry : pipelines.entrySet()) {
            Map<String, Object> pipeline = map(entry.getValue(), entry.getKey());
            for (String section : List.of("receivers", "processors", "exporters")) {
                for (String component : strings(pipeline, section)) {
                    boolean declared = mapAt(config, section).containsKey(component)
                            || (!section.equals("processors") && connectors.containsKey(component));
                    assertTrue(declared, entry.getKey() + ": " + section + " " + component + " is not declared");
                }
            }
        }
    }

    private static Map<String, Object> pipeline(String name) {
        return map(pipelines.get(name), name);
    }

    private static List<String> pipelinesWhere(Predicate<Map<String, Object>> condition) {
        return pipelines.keySet().stream().filter(name -> condition.test(pipeline(name))).toList();
    }

    private static List<String> strings(Map<String, Object> pipeline, String key) {
        Object value = pipeline.get(key);
        return value == null ? List.of() : list(value, key).stream().map(Repository::string).toList();
    }
}
