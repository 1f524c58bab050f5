package dev.reactivetracing.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import com.fasterxml.jackson.databind.SerializationFeature;

import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.support.HttpJson;
import dev.reactivetracing.tooling.files.Directories;

/** Writes results.json (every raw number), latency.png (gnuplot) and results.md into the output directory. */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** Returns the targets table, for the summary printed at the end. */
    public static Targets write(Settings settings, Results results) {
        Directories.create(settings.out());
        try {
            Files.writeString(settings.out().resolve("results.json"), json(results));
            boolean plotted = Plot.draw(settings, results);
            MarkdownReport report = new MarkdownReport(settings, results);
            Files.writeString(settings.out().resolve("results.md"), report.markdown(plotted));
            return report.targets();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static String json(Results results) throws IOException {
        return HttpJson.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results.asMap())
                + "\n";
    }
}
