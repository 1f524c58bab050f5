package dev.reactivetracing.testing.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageGraphTest {

    @TempDir
    Path sources;

    @Test
    void findsACycleThroughImportsStaticImportsAndQualifiedNames() throws IOException {
        write("app/service/OrderService.java", """
                package app.service;

                import app.repository.OrderRepository;
                import app.model.Order;
                """);
        write("app/repository/OrderRepository.java", """
                package app.repository;

                import static app.telemetry.Spans.name;
                """);
        write("app/telemetry/Spans.java", """
                package app.telemetry;

                class Spans {
                    Object status = app.service.Status.OPEN; // app.model.Ignored: comments do not count
                    String text = "app.model.AlsoIgnored.";
                }
                """);
        write("app/model/Order.java", "package app.model;\n");

        PackageGraph graph = PackageGraph.ofSources(sources, "app");

        assertEquals(Map.of("service", Set.of("repository", "model"), "repository", Set.of("telemetry"),
                "telemetry", Set.of("service"), "model", Set.of()), graph.uses());
        assertEquals(List.of(List.of("repository", "telemetry", "service", "repository")), graph.cycles());
    }

    @Test
    void subPackagesCountAsTheirTopLevelPackageAndAcyclicGraphsHaveNoCycle() throws IOException {
        write("app/rest/dto/OrderView.java", "package app.rest.dto;\n\nimport app.model.Order;\n");
        write("app/rest/OrderResource.java", "package app.rest;\n\nimport app.rest.dto.OrderView;\n");
        write("app/model/Order.java", "package app.model;\n");

        PackageGraph graph = PackageGraph.ofSources(sources, "app");

        assertEquals(Map.of("rest", Set.of("model"), "model", Set.of()), graph.uses());
        assertEquals(List.of(), graph.cycles());
    }

    private void write(String file, String content) throws IOException {
        Path path = sources.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
