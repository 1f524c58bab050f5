package dev.reactivetracing.system;

import static dev.reactivetracing.system.Api.body;
import static dev.reactivetracing.system.Api.expect;
import static dev.reactivetracing.system.LauncherProcess.assertOrderTraceInZipkin;
import static dev.reactivetracing.system.LauncherProcess.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.reactivetracing.tooling.files.Directories;
import dev.reactivetracing.tooling.process.FreePorts;

/**
 * The README's command that runs the whole system without Docker, for real: {@code bin/run --no-build} (bin/run
 * without its first step, the {@code ./mvnw package} this build has just done) in a directory laid out as the
 * repository, with hard links to this build's jars, so that it neither uses nor touches the developer's
 * {@code .local-run}. It starts an embedded PostgreSQL, Zipkin and both services, places a demo order whose trace is
 * in Zipkin across both services, prints a curl that places another order, and Ctrl-C leaves no process, no port and
 * no record of leftovers behind.
 */
class BinRunTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath()
            .normalize();
    private static final Path WORK = Path.of("target", "bin-run").toAbsolutePath();
    private static final Path ROOT = WORK.resolve("repository");
    private static final Path LOG = WORK.resolve("bin-run.log");
    /** What bin/run needs of the repository: its scripts and the build's outputs. */
    private static final List<String> LAID_OUT = List.of("bin/run", "bin/select-jdk.sh",
            "local-run/target/local-run.jar", "local-run/target/lib", "local-run/target/zipkin",
            "inventory-service/target/quarkus-app", "order-service/target/quarkus-app");
    /** PostgreSQL, Zipkin and two services, on a busy 2-core machine. */
    private static final Duration START_LIMIT = Duration.ofMinutes(4);
    private static final Pattern DEMO_TRACE = Pattern.compile(
            "Placing a demo order\\.\\.\\. CREATED, total \\d+ cents, trace ([0-9a-f]{32})");
    private static final Pattern CURL = Pattern.compile("(?m)^ {2}(curl -i -X POST .*)$");

    private final int orderPort = FreePorts.find();
    private final int inventoryPort = FreePorts.find();
    private final int zipkinPort = FreePorts.find();

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void binRunStartsTheWholeSystemPlacesATracedDemoOrderAndStopsEverythingOnCtrlC() throws Exception {
        layOutRepository();
        LauncherProcess run = LauncherProcess.start("bin/run", List.of(ROOT.resolve("bin/run").toString(),
                "--no-build", "--order-port=" + orderPort, "--inventory-port=" + inventoryPort,
                "--zipkin-port=" + zipkinPort), ROOT, LOG, Map.of("JAVA_HOME", System.getProperty("java.home")));
        List<ProcessHandle> started = List.of();
        try {
            run.awaitLine("Press Ctrl-C to stop.", START_LIMIT);
            String output = run.output();

            // The demo order, its trace in Zipkin (the launcher waited for both services' spans), the link to it.
            Matcher demo = DEMO_TRACE.matcher(output);
            assertTrue(demo.find(), "bin/run reports the demo order and its trace id");
            String traceId = demo.group(1);
            assertTrue(output.contains("Waiting for its trace in Zipkin... spans of "), "the trace reached Zipkin");
            assertTrue(output.contains("http://localhost:" + zipkinPort + "/zipkin/traces/" + traceId),
                    "the link to the demo order's trace");
            assertOrderTraceInZipkin(zipkinPort, traceId);

            // The curl it prints places an order, exactly as a user pastes it.
            Matcher curl = CURL.matcher(output);
            assertTrue(curl.find(), "bin/run prints a curl that places an order");
            Process pasted = new ProcessBuilder("bash", "-c", curl.group(1) + " --silent --max-time 30")
                    .redirectErrorStream(true).start();
            String answer = new String(pasted.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(pasted.waitFor(60, TimeUnit.SECONDS));
            assertTrue(answer.startsWith("HTTP/1.1 201"), "the printed curl places an order: " + answer);
            String orderId = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertEquals("CREATED", body(expect(200, Api.get("http://localhost:" + orderPort + "/api/orders/"
                    + Api.JSON.readTree(orderId).get("id").asText()))).get("status").asText());

            // Ctrl-C: the services, Zipkin and the detached PostgreSQL go; the ports are free; nothing is recorded as
            // left over for the next run to clean up.
            started = startedBy(run);
            assertEquals(1, started.stream().filter(process -> LauncherProcess.isPostmaster(process, dataMarker()))
                    .count(), "one PostgreSQL server: " + describe(started));
            assertTrue(started.size() >= 4, "PostgreSQL, Zipkin, two services: " + describe(started));
            run.interruptAndAssertNothingLeft(started, Duration.ofSeconds(90),
                    List.of(orderPort, inventoryPort, zipkinPort));
            assertFalse(Files.exists(ROOT.resolve(".local-run/processes")), "no leftovers recorded after Ctrl-C");
        } catch (AssertionError | RuntimeException failure) {
            throw run.withOutput(failure);
        } finally {
            run.killEverything(started.isEmpty() ? startedBy(run) : started);
        }
    }

    /**
     * The repository's layout with what bin/run needs: scripts copied, build outputs hard-linked (copied where a link
     * cannot be made, e.g. across file systems).
     */
    private static void layOutRepository() throws IOException {
        Directories.deleteRecursively(WORK);
        for (String entry : LAID_OUT) {
            Path source = REPOSITORY.resolve(entry);
            assertTrue(Files.exists(source), source + " is built (./mvnw verify packages it before this test)");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = ROOT.resolve(REPOSITORY.relativize(file));
                    Files.createDirectories(target.getParent());
                    if (entry.startsWith("bin/")) {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                    } else {
                        link(file, target);
                    }
                }
            }
        }
    }

    private static void link(Path file, Path target) throws IOException {
        try {
            Files.createLink(target, file);
        } catch (IOException | UnsupportedOperationException notLinkable) {
            Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Its PostgreSQL's data directory: the launcher's, under the laid-out root. */
    private static String dataMarker() {
        return ROOT.resolve(".local-run/postgres").toString();
    }

    /** The launcher's descendants, and its PostgreSQL (pg_ctl detaches it; the launcher stops it) with its backends. */
    private static List<ProcessHandle> startedBy(LauncherProcess run) {
        return Stream.concat(run.process().descendants(), run.postgresServers(dataMarker()).stream())
                .distinct().toList();
    }
}
