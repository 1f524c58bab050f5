package dev.reactivetracing.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reactivetracing.testing.architecture.PackageGraph;

/**
 * The packages by role form no cycle: rest uses service, service uses repository, client and telemetry, and all of
 * them may use model, which uses none of them.
 */
class PackageCyclesTest {

    private final PackageGraph graph = PackageGraph.ofSources(Path.of("src/main/java"), "dev.reactivetracing.inventory");

    @Test
    void noPackageCycle() {
        assertEquals(List.of(), graph.cycles(), graph.toString());
    }

    @Test
    void theModelUsesNoOtherPackage() {
        assertTrue(graph.uses().get("model").isEmpty(), graph.toString());
    }
}
