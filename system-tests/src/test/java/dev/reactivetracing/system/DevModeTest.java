package dev.reactivetracing.system;

import static dev.reactivetracing.system.Api.body;
import static dev.reactivetracing.system.Api.createCustomer;
import static dev.reactivetracing.system.Api.expect;
import static dev.reactivetracing.system.Api.order;
import static dev.reactivetracing.system.Api.post;
import static dev.reactivetracing.system.Api.traceIdOf;
import static dev.reactivetracing.system.LauncherProcess.assertOrderTraceInZipkin;
import static dev.reactivetracing.system.LauncherProcess.awaitTrue;
import static dev.reactivetracing.system.LauncherProcess.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.reactivetracing.tooling.files.Directories;
import dev.reactivetracing.tooling.process.FreePorts;

/**
 * The README's dev-mode command, for real: {@code bin/dev} in a copy of this working tree (so that the test can edit
 * a source file without touching the developer's), with no container runtime: both services in {@code quarkus dev}
 * with PostgreSQL from Dev Services, wired to each other and to Zipkin. An order becomes one trace across both
 * services in Zipkin; an edit to an order-service class answers the next request without a restart, and so does its
 * revert; Ctrl-C (SIGINT to the whole process group, as a terminal sends it) leaves no process and no port behind.
 *
 * <p>Maven in the copy installs into a local repository of its own, in front of the user's (maven.repo.local.tail),
 * so the test neither needs nor leaves the project's snapshots in ~/.m2.
 */
class DevModeTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath()
            .normalize();
    private static final Path WORK = Path.of("target", "dev-mode").toAbsolutePath();
    private static final Path COPY = WORK.resolve("repository");
    private static final Path LOG = WORK.resolve("bin-dev.log");
    private static final String EDITED_CLASS =
            "order-service/src/main/java/dev/reactivetracing/order/service/UnknownCustomerException.java";
    private static final String ORIGINAL_DETAIL = "' does not exist.\"";
    /** The install and the first dev-mode builds, on a busy 2-core machine. */
    private static final Duration START_LIMIT = Duration.ofMinutes(10);
    private static final Duration RELOAD_LIMIT = Duration.ofMinutes(2);
    /** In the data directory of each PostgreSQL the postgresql-devservices extension starts. */
    private static final String DEV_SERVICES_DATA = "quarkus-dev-postgresql-";

    private final int orderPort = FreePorts.find();
    private final int inventoryPort = FreePorts.find();
    private final int zipkinPort = FreePorts.find();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void binDevRunsBothServicesWithDevServicesTracesThemAndReloadsAnEditLive() throws Exception {
        copyWorkingTree();
        LauncherProcess devRun = startBinDev();
        List<ProcessHandle> started = List.of();
        try {
            devRun.awaitLine("Press Ctrl-C to stop.", START_LIMIT);
            String orderUrl = "http://localhost:" + orderPort;

            // Dev Services gave each service a migrated database (inventory: the demo catalog); the services call
            // each other and both export to Zipkin: one trace, both services, every span linked to its parent.
            String customerId = createCustomer(orderUrl, "Grace Hopper", "grace-" + UUID.randomUUID() + "@example.com");
            HttpResponse<String> created = expect(201, post(orderUrl + "/api/orders", order(customerId, "SKU-1001", 1)));
            assertEquals("CREATED", body(created).get("status").asText());
            assertOrderTraceInZipkin(zipkinPort, traceIdOf(created));

            // Live reload: an edited class answers the next request, in the same JVM, with the same database.
            ProcessHandle orderDevJvm = devModeJvm("order-service");
            String marker = "edited-" + UUID.randomUUID().toString().substring(0, 8);
            Path edited = COPY.resolve(EDITED_CLASS);
            String original = Files.readString(edited);
            assertTrue(original.contains(ORIGINAL_DETAIL), "the class to edit still has the text this test changes");
            Files.writeString(edited, original.replace(ORIGINAL_DETAIL, "' does not exist (" + marker + ").\""));
            awaitUnknownCustomerDetail(orderUrl, detail -> detail.contains(marker));
            assertTrue(orderDevJvm.isAlive(), "live reload, not a restart of the dev-mode JVM");
            assertEquals(orderDevJvm.pid(), devModeJvm("order-service").pid());
            expect(201, post(orderUrl + "/api/orders", order(customerId, "SKU-1001", 1)));

            Files.writeString(edited, original);
            awaitUnknownCustomerDetail(orderUrl, detail -> detail.endsWith("does not exist.") && !detail.contains(marker));

            // Ctrl-C: everything bin/dev started goes, and its ports are free again.
            started = startedBy(devRun);
            assertTrue(started.stream().filter(process -> LauncherProcess.isPostmaster(process, DEV_SERVICES_DATA))
                    .count() == 2, "one PostgreSQL server per service: " + describe(started));
            assertTrue(started.size() >= 7, "two Maven processes, two dev JVMs, two PostgreSQL servers, Zipkin: "
                    + describe(started));
            devRun.interruptAndAssertNothingLeft(started, Duration.ofSeconds(90),
                    List.of(orderPort, inventoryPort, zipkinPort));
        } catch (AssertionError | RuntimeException failure) {
            throw devRun.withOutput(failure);
        } finally {
            devRun.killEverything(started.isEmpty() ? startedBy(devRun) : started);
        }
    }

    /** Tracked and untracked-but-not-ignored files: the working tree as the developer has it, without builds. */
    private static void copyWorkingTree() throws IOException, InterruptedException {
        Directories.deleteRecursively(WORK);
        Files.createDirectories(COPY);
        Process git = new ProcessBuilder("git", "-C", REPOSITORY.toString(), "ls-files", "-z", "--cached", "--others",
                "--exclude-standard").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), "git ls-files");
        for (String file : listing.split("\0")) {
            Path source = REPOSITORY.resolve(file);
            if (file.isEmpty() || !Files.isRegularFile(source)) {
                continue; // deleted in the working tree
            }
            Path target = COPY.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private LauncherProcess startBinDev() throws IOException {
        List<String> mavenArguments = new ArrayList<>(List.of(
                "-Dmaven.repo.local=" + WORK.resolve("m2"),
                "-Dmaven.repo.local.tail=" + Path.of(System.getProperty("user.home"), ".m2", "repository")));
        if (System.getProperty("maven.offline", "").equals("offline=true")) {
            mavenArguments.add("-o");
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("MAVEN_ARGS", String.join(" ", mavenArguments));
        environment.put("MAVEN_OPTS", null);
        return LauncherProcess.start("bin/dev", List.of(COPY.resolve("bin/dev").toString(),
                "--order-port=" + orderPort, "--inventory-port=" + inventoryPort, "--zipkin-port=" + zipkinPort,
                "--no-debug"), COPY, LOG, environment);
    }

    private static void awaitUnknownCustomerDetail(String orderUrl, Predicate<String> expected) {
        String[] last = new String[1];
        awaitTrue(() -> {
            HttpResponse<String> response = post(orderUrl + "/api/orders", order(UUID.randomUUID().toString(),
                    "SKU-1001", 1));
            last[0] = response.statusCode() + " " + response.body();
            return response.statusCode() == 422 && expected.test(body(response).path("detail").asText());
        }, RELOAD_LIMIT, () -> "the unknown-customer problem after the edit; last answer: " + last[0]);
    }

    /** The JVM quarkus:dev forked for {@code service} (its command line runs {@code <service>-dev.jar}). */
    private static ProcessHandle devModeJvm(String service) {
        List<ProcessHandle> jvms = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(service + "-dev.jar"))
                .filter(process -> process.info().commandLine().orElse("").contains(COPY.toString()))
                .toList();
        assertEquals(1, jvms.size(), "one dev-mode JVM of " + service + ": " + describe(jvms));
        return jvms.get(0);
    }

    /**
     * What bin/dev runs: its descendants, and the PostgreSQL servers of its Dev Services (the application stops
     * them), with their backends.
     */
    private static List<ProcessHandle> startedBy(LauncherProcess devRun) {
        return Stream.concat(devRun.process().descendants(), devRun.postgresServers(DEV_SERVICES_DATA).stream())
                .distinct().toList();
    }
}
