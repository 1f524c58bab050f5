package dev.reactivetracing.bench.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The benchmark reads the services' JVM options from order-service's Dockerfile.jvm. The other places that set them
 * (inventory-service's Dockerfile.jvm, docker-compose.yml, which repeats them because setting JAVA_OPTS_APPEND replaces
 * the image's) must say the same, or the benchmark would measure something that does not ship everywhere.
 */
class ShippedJvmTest {

    private static final Path ROOT = Path.of(System.getProperty("bench.root", "../..")).toAbsolutePath().normalize();

    @Test
    void readsTheJvmOptionsAndMallocSettingsOfTheOrderServiceImage() {
        ShippedJvm shipped = ShippedJvm.read(ROOT);

        assertTrue(shipped.jvmOptions().contains("-XX:+UseSerialGC"), shipped.jvmOptions().toString());
        assertTrue(shipped.jvmOptions().stream().anyMatch(option -> option.startsWith("-Xmx")),
                shipped.jvmOptions().toString());
        assertTrue(shipped.environment().stream().anyMatch(entry -> entry.startsWith("MALLOC_ARENA_MAX=")),
                shipped.environment().toString());
    }

    @Test
    void inventoryServiceImageRunsWithTheSameOptions() throws IOException {
        Path inventory = ROOT.resolve("inventory-service/src/main/docker/Dockerfile.jvm");

        ShippedJvm inventoryJvm = ShippedJvm.parseDockerfile(Files.readString(inventory), inventory);

        assertEquals(ShippedJvm.read(ROOT).jvmOptions(), inventoryJvm.jvmOptions());
        assertEquals(ShippedJvm.read(ROOT).environment(), inventoryJvm.environment());
    }

    @Test
    void dockerComposeRepeatsTheImagesOptions() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        ShippedJvm shipped = ShippedJvm.read(ROOT);

        assertEquals(shipped.jvmOptions(), ShippedJvm.split(composeValue(compose, "JAVA_OPTS_APPEND")));
        List<String> environment = new ArrayList<>();
        for (String entry : shipped.environment()) {
            String key = entry.substring(0, entry.indexOf('='));
            environment.add(key + "=" + composeValue(compose, key));
        }
        assertEquals(shipped.environment(), environment);
    }

    @Test
    void parsesQuotedAndUnquotedEnvLines() {
        ShippedJvm parsed = ShippedJvm.parseDockerfile("""
                FROM registry.example/openjdk-21-runtime:1.23
                ENV LANGUAGE='en_US:en'
                ENV JAVA_OPTS_APPEND="-Dquarkus.http.host=0.0.0.0 -XX:+UseSerialGC  -Xmx96m"
                ENV MALLOC_ARENA_MAX=2
                ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"
                """, Path.of("Dockerfile.jvm"));

        assertEquals(List.of("-Dquarkus.http.host=0.0.0.0", "-XX:+UseSerialGC", "-Xmx96m"), parsed.jvmOptions());
        assertEquals(List.of("MALLOC_ARENA_MAX=2"), parsed.environment());
    }

    @Test
    void aDockerfileWithoutJvmOptionsIsAnError() {
        assertThrows(IllegalStateException.class, () -> ShippedJvm.parseDockerfile("FROM x\n", Path.of("D")));
    }

    private static String composeValue(String compose, String key) {
        Matcher matcher = Pattern.compile("(?m)^\\s+" + key + ":\\s*\"?([^\"\\n]*?)\"?\\s*$").matcher(compose);
        assertTrue(matcher.find(), key + " not in docker-compose.yml");
        return matcher.group(1);
    }
}
