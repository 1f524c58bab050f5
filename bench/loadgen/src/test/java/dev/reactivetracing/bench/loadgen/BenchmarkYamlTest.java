package dev.reactivetracing.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hyperfoil.api.config.Benchmark;
import io.hyperfoil.api.config.Phase;
import io.hyperfoil.core.impl.LocalBenchmarkData;
import io.hyperfoil.core.parser.BenchmarkParser;

class BenchmarkYamlTest {

    private static final List<String> CUSTOMERS = List.of("4f0e1c7e-0000-0000-0000-000000000001",
            "4f0e1c7e-0000-0000-0000-000000000002");

    @Test
    void aRisingRateIsOneConstantRatePhasePerStepEachStartingAfterTheOneBefore() throws Exception {
        OpenLoadOptions options = OpenLoadOptions.parse(new String[] { "--url", "http://localhost:8080",
                "--rates", "100,200,350.5", "--duration", "5", "--warmup", "2", "--products", "200", "--items", "1",
                "--customers", "c.txt", "--out", "o.json", "--connections", "256", "--timeout", "2" });

        Benchmark benchmark = parse(BenchmarkYaml.of(options, CUSTOMERS));

        Map<String, Phase> phases = benchmark.phases().stream()
                .collect(java.util.stream.Collectors.toMap(Phase::name, phase -> phase));
        assertEquals(java.util.Set.of("warmup", "step-1", "step-2", "step-3"), phases.keySet());
        assertTrue(phases.get("step-1").startAfter().contains("warmup"));
        assertTrue(phases.get("step-3").startAfter().contains("step-2"));
        assertEquals(5000, phases.get("step-2").duration());
    }

    @Test
    void hotProductOrdersAreAllForTheOneProduct() throws Exception {
        OpenLoadOptions options = OpenLoadOptions.parse(new String[] { "--url", "http://localhost:8080",
                "--rate", "50", "--duration", "3", "--products", "200", "--product", "HOT-1", "--items", "1",
                "--customers", "c.txt", "--out", "o.json" });

        String yaml = BenchmarkYaml.of(options, CUSTOMERS);

        parse(yaml);
        assertTrue(yaml.contains("\"items\":[{\"product_id\":\"HOT-1\",\"quantity\":1}]"), yaml);
        assertFalse(yaml.contains("randomInt"), yaml);
        assertFalse(yaml.contains("warmup"), yaml);
    }

    @Test
    void spreadOrdersOfTwoItemsTakeOneProductFromEachHalfOfTheCatalog() throws Exception {
        OpenLoadOptions options = OpenLoadOptions.parse(new String[] { "--url", "http://localhost:8080",
                "--rate", "50", "--duration", "3", "--products", "200", "--customers", "c.txt", "--out", "o.json" });

        String yaml = BenchmarkYaml.of(options, CUSTOMERS);

        parse(yaml);
        assertTrue(yaml.contains("randomInt: first <- 0 .. 99"), yaml);
        assertTrue(yaml.contains("randomInt: second <- 100 .. 199"), yaml);
    }

    @Test
    void eitherOneRateOrSteps() {
        assertThrows(IllegalArgumentException.class, () -> OpenLoadOptions.parse(new String[] { "--url", "u",
                "--rate", "1", "--rates", "1,2", "--duration", "1", "--products", "2", "--customers", "c",
                "--out", "o" }));
        assertThrows(IllegalArgumentException.class, () -> OpenLoadOptions.parse(new String[] { "--url", "u",
                "--rates", "1,-2", "--duration", "1", "--products", "2", "--customers", "c", "--out", "o" }));
    }

    private static Benchmark parse(String yaml) throws Exception {
        return BenchmarkParser.instance().buildBenchmark(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                new LocalBenchmarkData(Path.of(".")), Map.of());
    }
}
