package dev.reactivetracing.deploy;

import static dev.reactivetracing.deploy.Repository.list;
import static dev.reactivetracing.deploy.Repository.map;
import static dev.reactivetracing.deploy.Repository.mapAt;
import static dev.reactivetracing.deploy.Repository.string;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerComposeTest {

    static final List<String> SYSTEM = List.of("postgres", "otel-collector", "jaeger", "inventory-service",
            "order-service");

    private static Map<String, Object> services;

    @BeforeAll
    static void readComposeFile() {
        services = mapAt(Repository.yaml("docker-compose.yml"), "services");
    }

    private static Map<String, Object> service(String name) {
        return map(services.get(name), "services." + name);
    }

    @Test
    void declaresEveryPartOfTheSystem() {
        assertTrue(services.keySet().containsAll(SYSTEM), () -> "services " + services.keySet() + " lack some of " + SYSTEM);
    }

    @Test
    void everyServiceButTheDistrolessCollectorHasAHealthcheck() {
        services.forEach((name, definition) -> {
            boolean hasHealthcheck = map(definition, name).containsKey("healthcheck");
            // The collector image has no shell, curl or wget to run a check with (see the comment in the file).
            assertEquals(!name.equals("otel-collector"), hasHealthcheck, name + ": healthcheck");
        });
    }

    @Test
    void dependantsWaitForHealthWhereAHealthcheckExistsAndForStartOtherwise() {
        services.forEach((name, definition) -> {
            Object dependsOn = map(definition, name).get("depends_on");
            if (dependsOn == null) {
                return;
            }
            map(dependsOn, name + ".depends_on").forEach((dependency, spec) -> {
                assertTrue(services.containsKey(dependency), name + " depends on unknown " + dependency);
                String condition = string(map(spec, name + ".depends_on." + dependency).get("condition"));
                String expected = service(dependency).containsKey("healthcheck") ? "service_healthy" : "service_started";
                assertEquals(expected, condition, name + " -> " + dependency);
            });
        });
    }

    @Test
    void applicationServicesStartAfterTheirDatabaseAndTheCollector() {
        for (String name : List.of("inventory-service", "order-service")) {
            Map<String, Object> dependsOn = mapAt(service(name), "depends_on");
            assertTrue(dependsOn.keySet().containsAll(List.of("postgres", "otel-collector")), name + ": " + dependsOn);
        }
        assertTrue(mapAt(service("order-service"), "depends_on").containsKey("inventory-service"));
    }

    @Test
    void everyServiceRestartsOnFailure() {
        services.forEach((name, definition) -> assertEquals("unless-stopped",
                string(map(definition, name).get("restart")), name + ": restart"));
    }

    @Test
    void applicationServicesGetTimeToDrainRequestsAndFlushSpans() {
        for (String name : List.of("inventory-service", "order-service")) {
            Duration grace = composeDuration(string(service(name).get("stop_grace_period")));
            assertTrue(grace.compareTo(Duration.ofSeconds(40)) >= 0, name + ": stop_grace_period " + grace);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "inventory-service, inventory, inventory, 8081",
            "order-service,     orders,    orders,    8080" })
    void applicationServicesAreConfiguredByTheContractsEnvironment(String name, String database, String user,
            int port) {
        Map<String, Object> environment = mapAt(service(name), "environment");
        assertAll(
                () -> assertEquals("http://otel-collector:4318", environment.get("OTEL_EXPORTER_OTLP_ENDPOINT")),
                () -> assertEquals("${TRACING_ENVIRONMENT:-dev}", environment.get("TRACING_ENVIRONMENT")),
                () -> assertEquals("${OTEL_TRACES_SAMPLER_ARG:-1.0}", environment.get("OTEL_TRACES_SAMPLER_ARG")),
                () -> assertEquals("${QUARKUS_PROFILE:-prod}", environment.get("QUARKUS_PROFILE")),
                () -> assertNotNull(environment.get("JAVA_OPTS_APPEND")),
                () -> assertEquals("postgresql://postgres:5432/" + database,
                        environment.get("QUARKUS_DATASOURCE_REACTIVE_URL")),
                () -> assertEquals("jdbc:postgresql://postgres:5432/" + database,
                        environment.get("QUARKUS_DATASOURCE_JDBC_URL")),
                () -> assertEquals(user, environment.get("QUARKUS_DATASOURCE_USERNAME")),
                () -> assertNotNull(environment.get("QUARKUS_DATASOURCE_PASSWORD")),
                () -> assertTrue(list(service(name).get("ports"), name + ".ports").contains("127.0.0.1:" + port + ":" + port)),
                () -> assertTrue(String.valueOf(mapAt(service(name), "healthcheck").get("test"))
                        .contains("/dev/tcp/127.0.0.1/" + port), name + " checks its own port"));
    }

    @Test
    void orderServiceCallsInventoryServiceByItsComposeName() {
        assertEquals("http://inventory-service:8081",
                mapAt(service("order-service"), "environment").get("QUARKUS_REST_CLIENT_INVENTORY_URL"));
    }

    @Test
    void applicationServicesHealthcheckTheirReadinessEndpoint() {
        for (String name : List.of("inventory-service", "order-service")) {
            String test = String.valueOf(mapAt(service(name), "healthcheck").get("test"));
            assertTrue(test.contains("/q/health/ready"), name + ": " + test);
            // Compose interpolates $name: the shell variable must be escaped as $$status.
            assertFalse(Pattern.compile("(?<!\\$)\\$status").matcher(test).find(), name + ": unescaped $ in " + test);
        }
    }

    @Test
    void applicationImagesAreBuiltFromTheirModuleWithTheDockerfileSwitchableToNative() {
        for (String name : List.of("inventory-service", "order-service")) {
            Map<String, Object> build = mapAt(service(name), "build");
            assertEquals("./" + name, build.get("context"), name);
            assertEquals("src/main/docker/${DOCKERFILE:-Dockerfile.jvm}", build.get("dockerfile"), name);
            for (String dockerfile : List.of("Dockerfile.jvm", "Dockerfile.native-micro")) {
                assertTrue(Files.isRegularFile(Repository.ROOT.resolve(name + "/src/main/docker/" + dockerfile)),
                        name + "/src/main/docker/" + dockerfile);
            }
        }
    }

    @Test
    void postgresRunsTheInitScriptAndKeepsItsDataInANamedVolume() {
        List<Object> volumes = list(service("postgres").get("volumes"), "postgres.volumes");
        assertTrue(volumes.contains("./deploy/postgres/init-databases.sh:/docker-entrypoint-initdb.d/init-databases.sh:ro"),
                volumes::toString);
        assertTrue(volumes.contains("postgres-data:/var/lib/postgresql/data"), volumes::toString);
        assertTrue(mapAt(Repository.yaml("docker-compose.yml"), "volumes").containsKey("postgres-data"));
        assertTrue(String.valueOf(mapAt(service("postgres"), "healthcheck").get("test")).contains("pg_isready"));
        Map<String, Object> environment = mapAt(service("postgres"), "environment");
        assertTrue(environment.keySet().containsAll(List.of("INVENTORY_DB_PASSWORD", "ORDERS_DB_PASSWORD")));
        // The services log in with the passwords the init script gave their roles.
        assertEquals(environment.get("INVENTORY_DB_PASSWORD"),
                mapAt(service("inventory-service"), "environment").get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals(environment.get("ORDERS_DB_PASSWORD"),
                mapAt(service("order-service"), "environment").get("QUARKUS_DATASOURCE_PASSWORD"));
    }

    @Test
    void collectorReadsTheSharedConfiguration() {
        assertTrue(list(service("otel-collector").get("volumes"), "otel-collector.volumes")
                .contains("./deploy/otel-collector/config.yaml:/etc/otelcol-contrib/config.yaml:ro"));
    }

    /** Compose durations as used here: "40s", "1m30s". */
    static Duration composeDuration(String value) {
        assertNotNull(value, "duration");
        Matcher matcher = Pattern.compile("(?:(\\d+)m)?(?:(\\d+)s)?").matcher(value);
        assertTrue(matcher.matches() && !value.isEmpty(), "not a compose duration: " + value);
        long minutes = matcher.group(1) == null ? 0 : Long.parseLong(matcher.group(1));
        long seconds = matcher.group(2) == null ? 0 : Long.parseLong(matcher.group(2));
        return Duration.ofMinutes(minutes).plusSeconds(seconds);
    }
}
