package dev.reactivetracing.deploy;

import static dev.reactivetracing.deploy.Repository.list;
import static dev.reactivetracing.deploy.Repository.listAt;
import static dev.reactivetracing.deploy.Repository.map;
import static dev.reactivetracing.deploy.Repository.mapAt;
import static dev.reactivetracing.deploy.Repository.string;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Kubernetes base as written (kustomize renders it; deploy/validate.sh checks the rendered objects' schemas). */
class KubernetesManifestsTest {

    static final String BASE = "deploy/k8s/base/";
    static final String NAMESPACE = "reactive-tracing";

    /** Every object of the base's resources, by "Kind/name". */
    private static final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
    private static Map<String, Object> kustomization;

    @BeforeAll
    static void readBase() {
        kustomization = Repository.yaml(BASE + "kustomization.yaml");
        for (Object resource : listAt(kustomization, "resources")) {
            for (Object document : Repository.yamlDocuments(BASE + resource)) {
                Map<String, Object> object = map(document, String.valueOf(resource));
                objects.put(object.get("kind") + "/" + mapAt(object, "metadata").get("name"), object);
            }
        }
    }

    private static Map<String, Object> object(String kindAndName) {
        Map<String, Object> object = objects.get(kindAndName);
        assertNotNull(object, () -> kindAndName + " is not in the base (has " + objects.keySet() + ")");
        return object;
    }

    private static Map<String, Object> podSpec(String kindAndName) {
        return mapAt(object(kindAndName), "spec.template.spec");
    }

    private static Map<String, Object> container(String deployment) {
        List<Object> containers = listAt(podSpec("Deployment/" + deployment), "containers");
        assertEquals(1, containers.size(), deployment + " containers");
        return map(containers.get(0), deployment + " container");
    }

    private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Object variable : listAt(container, "env")) {
            Map<String, Object> entry = map(variable, "env");
            env.put(string(entry.get("name")), entry);
        }
        return env;
    }

    @Test
    void baseDeploysEveryPartOfTheSystemIntoOneNamespace() {
        assertEquals(NAMESPACE, kustomization.get("namespace"));
        assertEquals("Namespace", object("Namespace/" + NAMESPACE).get("kind"));
        for (String expected : List.of("StatefulSet/postgres", "Service/postgres", "Deployment/otel-collector", "Service/otel-collector", "Deployment/jaeger", "Service/jaeger",
                "Deployment/inventory-service", "Service/inventory-service", "Deployment/order-service",
                "Service/order-service")) {
            object(expected);
        }
        assertTrue(objects.keySet().stream().noneMatch(key -> key.startsWith("Secret/")),
                "no credentials in the base: the dev overlay has demo ones, production creates its own");
    }

    @Test
    void onlyTheDevOverlayShipsCredentialsAndTheyHaveEveryKeyTheBaseReads() {
        Map<String, Object> dev = Repository.yaml("deploy/k8s/overlays/dev/kustomization.yaml");
        assertTrue(listAt(dev, "resources").contains("postgres-credentials.yaml"));
        Map<String, Object> secret = Repository.yaml("deploy/k8s/overlays/dev/postgres-credentials.yaml");
        assertEquals("Secret", secret.get("kind"));
        assertEquals("postgres-credentials", mapAt(secret, "metadata").get("name"));
        assertEquals(java.util.Set.of("postgres-password", "inventory-password", "orders-password"),
                mapAt(secret, "stringData").keySet());
        Map<String, Object> prod = Repository.yaml("deploy/k8s/overlays/prod/kustomization.yaml");
        assertEquals(List.of("../../base", "pod-disruption-budgets.yaml"), listAt(prod, "resources"),
                "the prod overlay adds no Secret");
    }

    @Test
    void everyObjectCarriesTheRecommendedNameLabelAndThePartOfLabelIsAddedByKustomize() {
        objects.forEach((key, object) -> assertNotNull(
                mapAt(object, "metadata.labels").get("app.kubernetes.io/name"), key + ": app.kubernetes.io/name"));
        Map<String, Object> labels = map(listAt(kustomization, "labels").get(0), "labels[0]");
        assertEquals(Map.of("app.kubernetes.io/part-of", "reactive-tracing"), labels.get("pairs"));
        assertEquals(Boolean.FALSE, labels.get("includeSelectors"), "selectors are immutable: keep them to the name");
    }

    @Test
    void generatedConfigMapsComeFromTheCopiesOfTheSharedFiles() {
        Map<String, List<Object>> generators = new LinkedHashMap<>();
        for (Object generator : listAt(kustomization, "configMapGenerator")) {
            Map<String, Object> entry = map(generator, "configMapGenerator");
            generators.put(string(entry.get("name")), entry.containsKey("files") ? list(entry.get("files"), "files")
                    : List.of());
        }
        assertEquals(List.of("config.yaml=otel-collector/config.yaml"), generators.get("otel-collector-config"));
        assertEquals(List.of("init-databases.sh=postgres/init-databases.sh"), generators.get("postgres-init"));
        assertEquals(Repository.text("deploy/postgres/init-databases.sh"),
                Repository.text(BASE + "postgres/init-databases.sh"),
                "the Kubernetes copy of the init script must equal deploy/postgres/init-databases.sh");
    }

    @ParameterizedTest
    @ValueSource(strings = { "inventory-service", "order-service" })
    void serviceDeploymentsProbeStartupLivenessAndReadinessOnQuarkusHealthEndpoints(String name) {
        Map<String, Object> container = container(name);
        assertAll(
                () -> assertEquals("/q/health/started", Repository.at(container, "startupProbe.httpGet.path")),
                () -> assertEquals("/q/health/live", Repository.at(container, "livenessProbe.httpGet.path")),
                () -> assertEquals("/q/health/ready", Repository.at(container, "readinessProbe.httpGet.path")),
                () -> assertEquals("http", Repository.at(container, "readinessProbe.httpGet.port")));
    }

    @ParameterizedTest
    @CsvSource({ "inventory-service, 8081", "order-service, 8080" })
    void serviceDeploymentsRunTheNativeImageOnTheServicePort(String name, int port) {
        Map<String, Object> container = container(name);
        assertEquals("reactive-tracing/" + name + "-native:1.0.0-SNAPSHOT", container.get("image"));
        Map<String, Object> containerPort = map(listAt(container, "ports").get(0), "ports[0]");
        assertEquals(port, containerPort.get("containerPort"));
        assertEquals("http", containerPort.get("name"));
        Map<String, Object> servicePort = map(listAt(object("Service/" + name), "spec.ports").get(0), "ports[0]");
        assertEquals(port, servicePort.get("port"));
        assertEquals("http", servicePort.get("targetPort"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "inventory-service", "order-service" })
    void serviceDeploymentsAreSizedForANativeExecutable(String name) {
        Map<String, Object> resources = mapAt(container(name), "resources");
        assertAll(
                () -> assertEquals("100m", Repository.at(resources, "requests.cpu")),
                () -> assertEquals("64Mi", Repository.at(resources, "requests.memory")),
                () -> assertEquals("128Mi", Repository.at(resources, "limits.memory")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Deployment/inventory-service", "Deployment/order-service", "Deployment/otel-collector",
            "Deployment/jaeger", "StatefulSet/postgres" })
    void everyPodRunsLockedDown(String workload) {
        Map<String, Object> pod = podSpec(workload);
        Map<String, Object> podSecurity = mapAt(pod, "securityContext");
        assertEquals(Boolean.TRUE, podSecurity.get("runAsNonRoot"), workload + " runAsNonRoot");
        assertEquals("RuntimeDefault", Repository.at(podSecurity, "seccompProfile.type"), workload + " seccomp");
        assertEquals(Boolean.FALSE, pod.get("automountServiceAccountToken"), workload + " needs no API token");
        for (Object c : listAt(pod, "containers")) {
            Map<String, Object> container = map(c, workload + " container");
            Map<String, Object> security = mapAt(container, "securityContext");
            assertAll(workload,
                    () -> assertEquals(Boolean.TRUE, security.get("readOnlyRootFilesystem"), "readOnlyRootFilesystem"),
                    () -> assertEquals(Boolean.FALSE, security.get("allowPrivilegeEscalation"), "allowPrivilegeEscalation"),
                    () -> assertEquals(List.of("ALL"), Repository.at(security, "capabilities.drop"), "drop ALL"));
        }
    }

    @ParameterizedTest
    @CsvSource({ "inventory-service, 1001", "order-service, 1001" })
    void serviceDeploymentsRunAsTheImageUserWithAWritableTmp(String name, int user) {
        Map<String, Object> pod = podSpec("Deployment/" + name);
        assertEquals(user, Repository.at(pod, "securityContext.runAsUser"));
        Map<String, Object> tmpMount = listAt(container(name), "volumeMounts").stream()
                .map(mount -> map(mount, "volumeMount")).filter(mount -> "/tmp".equals(mount.get("mountPath")))
                .findFirst().orElseGet(() -> fail(name + " mounts nothing at /tmp"));
        Map<String, Object> volume = listAt(pod, "volumes").stream().map(v -> map(v, "volume"))
                .filter(v -> v.get("name").equals(tmpMount.get("name"))).findFirst()
                .orElseGet(() -> fail(name + ": no volume " + tmpMount.get("name")));
        assertTrue(volume.containsKey("emptyDir"), name + ": /tmp is an emptyDir");
    }

    @ParameterizedTest
    @ValueSource(strings = { "inventory-service", "order-service" })
    void resourceAttributesCarryPodNamespaceAndNodeFromTheDownwardApi(String name) {
        Map<String, Map<String, Object>> env = env(container(name));
        List<String> names = new ArrayList<>(env.keySet());
        Map<String, String> downward = Map.of("POD_NAME", "metadata.name", "POD_NAMESPACE", "metadata.namespace",
                "NODE_NAME", "spec.nodeName");
        downward.forEach((variable, field) -> {
            assertEquals(field, Repository.at(env.get(variable), "valueFrom.fieldRef.fieldPath"), variable);
            // $(VAR) in a value only expands variables defined earlier in the list.
            assertTrue(names.indexOf(variable) < names.indexOf("OTEL_RESOURCE_ATTRIBUTES"), variable + " first");
        });
        String attributes = string(env.get("OTEL_RESOURCE_ATTRIBUTES").get("value"));
        for (String expected : List.of("k8s.pod.name=$(POD_NAME)", "k8s.namespace.name=$(POD_NAMESPACE)",
                "k8s.node.name=$(NODE_NAME)", "service.instance.id=$(POD_NAME)")) {
            assertTrue(List.of(attributes.split(",")).contains(expected), name + ": " + attributes + " lacks " + expected);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "inventory-service, inventory, inventory, inventory-password",
            "order-service,     orders,    orders,    orders-password" })
    void servicesConnectToTheirOwnDatabaseWithThePasswordFromTheSecret(String name, String database, String user,
            String key) {
        Map<String, Map<String, Object>> env = env(container(name));
        assertEquals("postgresql://postgres:5432/" + database, env.get("QUARKUS_DATASOURCE_REACTIVE_URL").get("value"));
        assertEquals("jdbc:postgresql://postgres:5432/" + database, env.get("QUARKUS_DATASOURCE_JDBC_URL").get("value"));
        assertEquals(user, env.get("QUARKUS_DATASOURCE_USERNAME").get("value"));
        Map<String, Object> secretRef = mapAt(env.get("QUARKUS_DATASOURCE_PASSWORD"), "valueFrom.secretKeyRef");
        assertEquals("postgres-credentials", secretRef.get("name"));
        assertEquals(key, secretRef.get("key"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "inventory-service", "order-service" })
    void servicesTakeTheirTelemetrySettingsFromTheGeneratedConfigMap(String name) {
        Map<String, Map<String, Object>> env = env(container(name));
        for (String variable : List.of("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_TRACES_SAMPLER_ARG", "TRACING_ENVIRONMENT",
                "QUARKUS_PROFILE")) {
            Map<String, Object> reference = mapAt(env.get(variable), "valueFrom.configMapKeyRef");
            assertEquals("service-environment", reference.get("name"), variable);
            assertEquals(variable, reference.get("key"), variable);
        }
        List<String> literals = configMapLiterals(kustomization, "service-environment");
        assertTrue(literals.contains("OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector:4318"), literals::toString);
    }

    @Test
    void orderServiceCallsInventoryServiceThroughItsService() {
        assertEquals("http://inventory-service:8081",
                env(container("order-service")).get("QUARKUS_REST_CLIENT_INVENTORY_URL").get("value"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "inventory-service", "order-service" })
    void servicesDrainGracefullyOnShutdown(String name) {
        int grace = ((Number) podSpec("Deployment/" + name).get("terminationGracePeriodSeconds")).intValue();
        int preStop = ((Number) Repository.at(container(name), "lifecycle.preStop.sleep.seconds")).intValue();
        assertTrue(preStop > 0, "preStop sleep");
        // preStop + quarkus.shutdown.timeout (20s) + span flush (~8s) must fit before SIGKILL.
        assertTrue(grace >= 40 && grace >= preStop + 20 + 8, name + ": terminationGracePeriodSeconds " + grace);
    }

    @Test
    void collectorRunsAsExactlyOneReplicaBecauseTailSamplingNeedsWholeTraces() {
        assertEquals(1, Repository.at(object("Deployment/otel-collector"), "spec.replicas"));
        List<Object> volumes = listAt(podSpec("Deployment/otel-collector"), "volumes");
        assertEquals("otel-collector-config", Repository.at(map(volumes.get(0), "volume"), "configMap.name"));
        Map<String, Object> container = container("otel-collector");
        assertEquals("/", Repository.at(container, "readinessProbe.httpGet.path"));
        assertEquals("health", Repository.at(container, "readinessProbe.httpGet.port"));
    }

    @Test
    void postgresKeepsItsDataOnAPersistentVolumeAndRunsTheInitScript() {
        Map<String, Object> statefulSet = object("StatefulSet/postgres");
        assertEquals("data", Repository.at(map(listAt(statefulSet, "spec.volumeClaimTemplates").get(0), "claim"),
                "metadata.name"));
        assertTrue(String.valueOf(podSpec("StatefulSet/postgres").get("volumes")).contains("name=postgres-init"));
        assertEquals("postgres", Repository.at(statefulSet, "spec.serviceName"));
    }

    // ---- NetworkPolicies ---------------------------------------------------------------------------------------

    @Test
    void ingressAndEgressAreDeniedByDefault() {
        Map<String, Object> spec = mapAt(object("NetworkPolicy/default-deny"), "spec");
        assertEquals(Map.of(), spec.get("podSelector"));
        assertEquals(List.of("Ingress", "Egress"), spec.get("policyTypes"));
        assertFalse(spec.containsKey("ingress") || spec.containsKey("egress"), "no rule: nothing is allowed");
    }

    @Test
    void everyPodMayResolveNamesAndNothingMore() {
        Map<String, Object> spec = mapAt(object("NetworkPolicy/dns-egress"), "spec");
        assertEquals(Map.of(), spec.get("podSelector"));
        List<Object> rules = listAt(spec, "egress");
        assertEquals(1, rules.size());
        Map<String, Object> rule = map(rules.get(0), "dns rule");
        assertEquals("kube-dns", Repository.at(map(list(rule.get("to"), "to").get(0), "peer"),
                "podSelector.matchLabels.k8s-app"));
        list(rule.get("ports"), "ports").forEach(port -> assertEquals(53, ((Number) map(port, "port").get("port"))
                .intValue()));
    }

    @Test
    void orderServiceReachesOnlyInventoryServicePostgresAndTheCollector() {
        assertEquals(List.of(new Flow(List.of("inventory-service"), List.of(8081)),
                new Flow(List.of("postgres"), List.of(5432)),
                new Flow(List.of("otel-collector"), List.of(4317, 4318))),
                flows("NetworkPolicy/order-service-egress", "order-service", "Egress"));
    }

    @Test
    void inventoryServiceReachesOnlyPostgresAndTheCollector() {
        assertEquals(List.of(new Flow(List.of("postgres"), List.of(5432)),
                new Flow(List.of("otel-collector"), List.of(4317, 4318))),
                flows("NetworkPolicy/inventory-service-egress", "inventory-service", "Egress"));
    }

    @Test
    void theCollectorReachesOnlyJaeger() {
        assertEquals(List.of(new Flow(List.of("jaeger"), List.of(4317))),
                flows("NetworkPolicy/otel-collector-egress", "otel-collector", "Egress"));
    }

    @Test
    void onlyOrderServiceReachesInventoryService() {
        assertEquals(List.of(new Flow(List.of("order-service"), List.of(8081))),
                flows("NetworkPolicy/inventory-service-ingress", "inventory-service"));
    }

    @Test
    void onlyTheServicesReachPostgres() {
        assertEquals(List.of(new Flow(List.of("inventory-service", "order-service"), List.of(5432))),
                flows("NetworkPolicy/postgres-ingress", "postgres"));
    }

    @Test
    void onlyTheServicesSendOtlpToTheCollector() {
        List<Flow> flows = flows("NetworkPolicy/otel-collector-ingress", "otel-collector");
        assertTrue(flows.contains(new Flow(List.of("inventory-service", "order-service"), List.of(4317, 4318))),
                flows::toString);
        for (Flow flow : flows) {
            assertFalse(flow.ports().contains(4317) && flow.peers() == null, "OTLP is not open to everyone");
        }
    }

    @Test
    void onlyTheCollectorSendsTracesToJaegerWhoseUiIsOpen() {
        List<Flow> flows = flows("NetworkPolicy/jaeger-ingress", "jaeger");
        assertTrue(flows.contains(new Flow(List.of("otel-collector"), List.of(4317))), flows::toString);
        assertTrue(flows.contains(new Flow(null, List.of(16686))), flows::toString);
    }

    @Test
    void orderServiceIsTheOpenEntryPoint() {
        assertEquals(List.of(new Flow(null, List.of(8080))),
                flows("NetworkPolicy/order-service-ingress", "order-service"));
    }

    /**
     * A rule: the pods (by app.kubernetes.io/name) it admits traffic from (ingress) or lets traffic go to (egress),
     * null for any, and its ports.
     */
    record Flow(List<String> peers, List<Integer> ports) {
    }

    private static List<Flow> flows(String policy, String target) {
        return flows(policy, target, "Ingress");
    }

    private static List<Flow> flows(String policy, String target, String direction) {
        Map<String, Object> spec = mapAt(object(policy), "spec");
        assertEquals(Map.of("app.kubernetes.io/name", target), Repository.at(spec, "podSelector.matchLabels"));
        assertEquals(List.of(direction), spec.get("policyTypes"));
        String rules = direction.equals("Ingress") ? "ingress" : "egress";
        String peers = direction.equals("Ingress") ? "from" : "to";
        List<Flow> flows = new ArrayList<>();
        for (Object r : listAt(spec, rules)) {
            Map<String, Object> rule = map(r, policy + " rule");
            List<String> from = rule.containsKey(peers) ? podNames(list(rule.get(peers), peers)) : null;
            List<Integer> ports = list(rule.get("ports"), policy + " ports").stream()
                    .map(port -> ((Number) map(port, "port").get("port")).intValue()).toList();
            flows.add(new Flow(from, ports));
        }
        return flows;
    }

    /** Pod names of podSelector peers; a namespaceSelector peer is recorded as "namespaces:<selector>". */
    private static List<String> podNames(List<Object> peers) {
        List<String> names = new ArrayList<>();
        for (Object peer : peers) {
            Map<String, Object> selector = map(peer, "peer");
            if (selector.containsKey("podSelector")) {
                names.add(string(mapAt(selector, "podSelector.matchLabels").get("app.kubernetes.io/name")));
            } else {
                names.add("namespaces:" + selector.get("namespaceSelector"));
            }
        }
        return names;
    }

    // ---- overlays ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({ "dev, dev, 1.0", "prod, prod, 0.1" })
    void overlaysSetTheEnvironmentNameAndHeadSamplingRatio(String overlay, String environment, String ratio) {
        Map<String, Object> overlayKustomization = Repository.yaml("deploy/k8s/overlays/" + overlay + "/kustomization.yaml");
        assertEquals(List.of("../../base"), listAt(overlayKustomization, "resources").subList(0, 1));
        List<String> literals = configMapLiterals(overlayKustomization, "service-environment");
        assertTrue(literals.contains("TRACING_ENVIRONMENT=" + environment), literals::toString);
        assertTrue(literals.contains("OTEL_TRACES_SAMPLER_ARG=" + ratio), literals::toString);
    }

    @ParameterizedTest
    @CsvSource({ "dev", "prod" })
    void overlaysLabelEachServiceWithItsImageTag(String overlay) {
        Map<String, Object> overlayKustomization = Repository.yaml("deploy/k8s/overlays/" + overlay + "/kustomization.yaml");
        List<String> sources = new ArrayList<>();
        for (Object r : listAt(overlayKustomization, "replacements")) {
            Map<String, Object> replacement = map(r, "replacement");
            String service = string(Repository.at(replacement, "source.name"));
            assertEquals("spec.template.spec.containers.[name=" + service + "].image",
                    Repository.at(replacement, "source.fieldPath"));
            assertEquals(":", Repository.at(replacement, "source.options.delimiter"));
            assertTrue(String.valueOf(replacement.get("targets"))
                    .contains("spec.template.metadata.labels.[app.kubernetes.io/version]"), replacement::toString);
            sources.add(service);
        }
        assertEquals(List.of("inventory-service", "order-service"), sources);
    }

    @Test
    void prodRunsSeveralReplicasOfEachServiceAndDevOne() {
        assertEquals(Map.of("inventory-service", 1, "order-service", 1), replicas("dev"));
        replicas("prod").forEach((name, count) -> assertTrue(count >= 2, name + ": " + count + " replicas in prod"));
        assertEquals(2, replicas("prod").size());
    }

    @Test
    void topLevelKustomizationDeploysTheProdOverlay() {
        assertEquals(List.of("overlays/prod"), listAt(Repository.yaml("deploy/k8s/kustomization.yaml"), "resources"));
    }

    private static Map<String, Integer> replicas(String overlay) {
        Map<String, Integer> replicas = new LinkedHashMap<>();
        for (Object entry : listAt(Repository.yaml("deploy/k8s/overlays/" + overlay + "/kustomization.yaml"),
                "replicas")) {
            Map<String, Object> replica = map(entry, "replicas[]");
            replicas.put(string(replica.get("name")), ((Number) replica.get("count")).intValue());
        }
        return replicas;
    }

    private static List<String> configMapLiterals(Map<String, Object> kustomization, String name) {
        for (Object generator : listAt(kustomization, "configMapGenerator")) {
            Map<String, Object> entry = map(generator, "configMapGenerator");
            if (name.equals(entry.get("name"))) {
                return list(entry.get("literals"), name + ".literals").stream().map(Repository::string).toList();
            }
        }
        return fail("no configMapGenerator " + name);
    }
}
