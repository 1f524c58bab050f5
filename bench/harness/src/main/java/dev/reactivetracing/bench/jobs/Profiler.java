package dev.reactivetracing.bench.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reactivetracing.bench.support.JdkTools;
import dev.reactivetracing.bench.system.ServicePair;
import dev.reactivetracing.tooling.files.Directories;
import dev.reactivetracing.tooling.process.ExternalCommand;
import dev.reactivetracing.tooling.process.ServiceProcess;

/**
 * JFR on both services of a pair during one max-rate run (bin/bench --profile): the recordings stay in the work
 * directory, the hot methods and allocation views go next to the results.
 */
final class Profiler {

    private Profiler() {
    }

    static void start(ServicePair pair, Path directory, Path logs) {
        Directories.create(directory);
        for (ServiceProcess service : List.of(pair.order(), pair.inventory())) {
            ExternalCommand.run(List.of(JdkTools.path("jcmd"), Long.toString(service.pid()), "JFR.start", "name=bench",
                    "settings=profile"), Map.of(), logs.resolve("jfr.log"), Duration.ofSeconds(30), false);
        }
    }

    /** Stops the recordings and writes the views; returns where they are. */
    static Map<String, Object> stop(ServicePair pair, Path directory, Path out, Path logs) {
        Map<String, Object> files = new LinkedHashMap<>();
        Directories.create(out.resolve("profiles"));
        for (ServiceProcess service : List.of(pair.order(), pair.inventory())) {
            Path recording = directory.resolve(service.name() + ".jfr");
            ExternalCommand.run(List.of(JdkTools.path("jcmd"), Long.toString(service.pid()), "JFR.stop", "name=bench",
                    "filename=" + recording), Map.of(), logs.resolve("jfr.log"), Duration.ofSeconds(60), false);
            for (String view : List.of("hot-methods", "allocation-by-class", "gc")) {
                ExternalCommand.Result result = ExternalCommand.run(List.of(JdkTools.path("jfr"), "view", "--width", "250", view,
                        recording.toString()), Map.of(), logs.resolve("jfr.log"), Duration.ofSeconds(120), true);
                Path text = out.resolve("profiles").resolve(service.name() + "-" + view + ".txt");
                try {
                    Files.writeString(text, result.output());
                } catch (java.io.IOException failure) {
                    throw new java.io.UncheckedIOException(failure);
                }
                files.put(service.name() + " " + view, out.relativize(text).toString());
            }
        }
        return files;
    }
}
