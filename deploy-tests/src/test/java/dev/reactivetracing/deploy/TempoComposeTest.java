package dev.reactivetracing.deploy;

import static dev.reactivetracing.deploy.Repository.map;
import static dev.reactivetracing.deploy.Repository.mapAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The Grafana Tempo variant (docker-compose.tempo.yml over docker-compose.yml): the collector sends to Tempo's OTLP
 * port, Grafana is provisioned with Tempo (default) and Prometheus at the addresses they listen on, and every part
 * waits for what it needs. docker-compose validates the merged files offline (deploy/validate.sh).
 */
class TempoComposeTest {

    private final Map<String, Object> services = mapAt(Repository.yaml("docker-compose.tempo.yml"), "services");
    private final Map<String, Object> tempoConfig = Repository.yaml("deploy/tempo/tempo.yaml");
    private final Map<String, Object> datasources = Repository.yaml(
            "deploy/grafana/provisioning/datasources/datasources.yaml");

    @Test
    void theCollectorSendsToTempoWhereTempoReceivesOtlpGrpc() {
        Map<String, Object> collector = map(services.get("otel-collector"), "otel-collector");
        String endpoint = (String) map(collector.get("environment"), "environment").get("TRACES_BACKEND_ENDPOINT");
        assertEquals("tempo:4317", endpoint);
        assertEquals("0.0.0.0:4317",
                Repository.at(tempoConfig, "distributor.receivers.otlp.protocols.grpc.endpoint"));
        assertEquals("service_healthy", Repository.at(collector, "depends_on.tempo.condition"));
    }

    @Test
    void grafanaQueriesTempoAndPrometheusWhereTheyListen() {
        List<?> sources = (List<?>) datasources.get("datasources");
        Map<String, Object> tempo = byName(sources, "Tempo");
        Map<String, Object> prometheus = byName(sources, "Prometheus");
        assertEquals("tempo", tempo.get("type"));
        assertEquals("http://tempo:" + Repository.at(tempoConfig, "server.http_listen_port"), tempo.get("url"));
        assertEquals(Boolean.TRUE, tempo.get("isDefault"));
        assertEquals("prometheus", Repository.at(tempo, "jsonData.serviceMap.datasourceUid"));
        assertEquals("prometheus", prometheus.get("uid"));
        assertEquals("http://prometheus:9090", prometheus.get("url"));
        Map<String, Object> grafana = map(services.get("grafana"), "grafana");
        assertTrue(((List<?>) grafana.get("volumes")).contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro"));
        assertEquals("service_healthy", Repository.at(grafana, "depends_on.tempo.condition"));
    }

    @Test
    void tempoAndGrafanaHaveHealthchecksAndPortsOnLoopbackOnly() {
        for (String name : List.of("tempo", "grafana")) {
            Map<String, Object> service = map(services.get(name), name);
            assertTrue(service.containsKey("healthcheck"), name);
            for (Object port : (List<?>) service.get("ports")) {
                assertTrue(port.toString().startsWith("127.0.0.1:"), name + " publishes " + port);
            }
        }
    }

    private static Map<String, Object> byName(List<?> sources, String name) {
        return sources.stream().map(source -> map(source, "datasource"))
                .filter(source -> name.equals(source.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no datasource " + name));
    }
}
