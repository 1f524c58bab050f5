package dev.reactivetracing.system.guarantees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the guarantees table at the end of the test run and writes it to {@code target/guarantees.md} (bin/test
 * shows it last). Registered through META-INF/services, so that every run of this module reports, whichever tests
 * it selected; figures no selected test measured read "not measured".
 */
public class GuaranteesSummary implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (Arrays.stream(Figure.values()).noneMatch(Guarantees::measured)) {
            return; // no guarantees test selected
        }
        String table = table();
        System.out.println();
        System.out.println(table);
        try {
            Path file = Path.of(System.getProperty("guarantees.summary", "target/guarantees.md"));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, table);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static String table() {
        StringBuilder out = new StringBuilder();
        out.append("Guarantees").append(Guarantees.soak() ? " (soak mode)" : "").append('\n');
        out.append(String.format("| %-46s | %10s | %-20s | %-12s |%n", "figure", "value", "promise", "met"));
        out.append(String.format("|-%s-|-%s-|-%s-|-%s-|%n", "-".repeat(46), "-".repeat(10), "-".repeat(20),
                "-".repeat(12)));
        for (Figure figure : Figure.values()) {
            if (figure == Figure.FAULTS_INJECTED) {
                continue;
            }
            String value;
            String met;
            if (!Guarantees.measured(figure)) {
                value = "-";
                met = "not measured";
            } else if (figure == Figure.FAULTS_SURVIVED) {
                long injected = Guarantees.value(Figure.FAULTS_INJECTED);
                long survived = Guarantees.value(Figure.FAULTS_SURVIVED);
                value = survived + "/" + injected;
                met = survived == injected ? "yes" : "NO";
            } else {
                long figureValue = Guarantees.value(figure);
                value = Long.toString(figureValue);
                met = figure.aggregate != Figure.Aggregate.SUM ? "(measured)" : figure.isMet(figureValue) ? "yes" : "NO";
            }
            out.append(String.format("| %-46s | %10s | %-20s | %-12s |%n", figure.label, value, figure.promise, met));
        }
        return out.toString();
    }
}
