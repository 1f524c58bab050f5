package dev.reactivetracing.deploy;

import static dev.reactivetracing.deploy.Repository.listAt;
import static dev.reactivetracing.deploy.Repository.map;
import static dev.reactivetracing.deploy.Repository.mapAt;
import static dev.reactivetracing.deploy.Repository.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Images and Dockerfiles: what runs must be exactly what the files say. */
class ImagesTest {

    private static final List<String> DOCKERFILES = List.of(
            "inventory-service/src/main/docker/Dockerfile.jvm",
            "inventory-service/src/main/docker/Dockerfile.native-micro",
            "order-service/src/main/docker/Dockerfile.jvm",
            "order-service/src/main/docker/Dockerfile.native-micro");

    /** Every image reference of the compose files, the Kubernetes base and the Dockerfiles, by where it is. */
    private static Map<String, String> imageReferences() {
        Map<String, String> images = new LinkedHashMap<>();
        for (String composeFile : List.of("docker-compose.yml", "docker-compose.tempo.yml",
                "deploy/dev/compose-devservices.yml")) {
            mapAt(Repository.yaml(composeFile), "services").forEach((name, service) -> {
                Object image = map(service, name).get("image");
                if (image != null) {
                    images.put(composeFile + " " + name, string(image));
                }
            });
        }
        for (Object resource : listAt(Repository.yaml("deploy/k8s/base/kustomization.yaml"), "resources")) {
            for (Object document : Repository.yamlDocuments("deploy/k8s/base/" + resource)) {
                Map<String, Object> object = map(document, String.valueOf(resource));
                Object template = map(object.get("spec") == null ? Map.of() : object.get("spec"), "spec").get("template");
                if (template == null) {
                    continue;
                }
                for (Object container : listAt(map(template, "template"), "spec.containers")) {
                    images.put(resource + " " + map(container, "container").get("name"),
                            string(map(container, "container").get("image")));
                }
            }
        }
        Pattern from = Pattern.compile("(?m)^FROM\\s+(\\S+)");
        for (String dockerfile : DOCKERFILES) {
            Matcher matcher = from.matcher(Repository.text(dockerfile));
            while (matcher.find()) {
                images.put(dockerfile, matcher.group(1));
            }
        }
        return images;
    }

    @Test
    void everyImageTagIsPinned() {
        Map<String, String> images = imageReferences();
        assertTrue(images.size() >= 12, () -> "found only " + images);
        List<String> unpinned = new ArrayList<>();
        images.forEach((where, image) -> {
            String lastSegment = image.substring(image.lastIndexOf('/') + 1);
            boolean digest = image.contains("@sha256:");
            String tag = lastSegment.contains(":") ? lastSegment.substring(lastSegment.indexOf(':') + 1) : "";
            if (!digest && (tag.isEmpty() || tag.equals("latest") || tag.contains("${"))) {
                unpinned.add(where + ": " + image);
            }
        });
        assertEquals(List.of(), unpinned, "images without a fixed tag or digest");
    }

    @ParameterizedTest
    @CsvSource({ "inventory-service, 8081", "order-service, 8080" })
    void dockerfilesExposeTheServicePort(String service, int port) {
        for (String variant : List.of("jvm", "native-micro")) {
            String dockerfile = Repository.text(service + "/src/main/docker/Dockerfile." + variant);
            assertTrue(dockerfile.contains("\nEXPOSE " + port + "\n"), service + " Dockerfile." + variant);
            assertFalse(dockerfile.contains("EXPOSE 8080") && port != 8080, service + " Dockerfile." + variant);
        }
    }

    @ParameterizedTest
    @CsvSource({ "inventory-service", "order-service" })
    void jvmDockerfileRunsTheFastJarOnTheUbi9Java21RuntimeAsANonRootUser(String service) {
        String dockerfile = Repository.text(service + "/src/main/docker/Dockerfile.jvm");
        assertTrue(dockerfile.contains("\nFROM registry.access.redhat.com/ubi9/openjdk-21-runtime:"), dockerfile);
        for (String layer : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertTrue(dockerfile.contains("COPY --chown=185 target/quarkus-app/" + layer), layer);
        }
        assertTrue(dockerfile.contains("\nUSER 185\n"));
        assertTrue(dockerfile.contains("ENV JAVA_OPTS_APPEND="));
        assertTrue(dockerfile.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""));
    }

    @ParameterizedTest
    @CsvSource({ "inventory-service", "order-service" })
    void nativeDockerfileRunsTheRunnerOnTheUbi9MicroImageAsUser1001(String service) {
        String dockerfile = Repository.text(service + "/src/main/docker/Dockerfile.native-micro");
        // UBI 9: Quarkus 3.31 builds native executables on UBI 9, whose glibc a UBI 8 base lacks.
        assertTrue(dockerfile.contains("\nFROM quay.io/quarkus/ubi9-quarkus-micro-image:"), dockerfile);
        assertTrue(dockerfile.contains("COPY --chown=1001:root --chmod=0755 target/*-runner /work/application"));
        assertTrue(dockerfile.contains("\nUSER 1001\n"));
    }
}
