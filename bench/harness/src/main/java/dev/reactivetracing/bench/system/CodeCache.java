package dev.reactivetracing.bench.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.reactivetracing.bench.support.JdkTools;
import dev.reactivetracing.tooling.process.ExternalCommand;

/**
 * How much compiled code a service JVM holds now ({@code jcmd PID Compiler.codecache}): the methods compiled and the
 * kB of code cache they use. Read before and after a pair's re-warm, it shows what the JVM unloaded while the pair
 * idled (since JDK 20 the GC unloads compiled methods that have not run for a number of collections, sooner the
 * fuller the code cache: the images ship {@code -XX:ReservedCodeCacheSize=48m}).
 *
 * @param methods compiled methods (nmethods); -1 if they could not be read
 * @param usedKb code cache in use, kB; -1 if unknown
 */
public record CodeCache(long methods, long usedKb) {

    static final CodeCache UNKNOWN = new CodeCache(-1, -1);

    private static final Pattern NMETHODS = Pattern.compile("nmethods=(\\d+)");
    private static final Pattern USED = Pattern.compile("^CodeCache:.*?\\bused=(\\d+)Kb", Pattern.MULTILINE);

    public static CodeCache of(long pid, Path log) {
        ExternalCommand.Result result = ExternalCommand.run(List.of(JdkTools.path("jcmd"), Long.toString(pid),
                "Compiler.codecache"), Map.of(), log, Duration.ofSeconds(30), true);
        return result.exitCode() == 0 ? parse(result.output()) : UNKNOWN;
    }

    /**
     * The output of {@code Compiler.codecache}: one code heap, or several (segmented, the default from a 240 MB code
     * cache on); either way one "CodeCache:" line holds the total in use and one line the compiled methods.
     */
    static CodeCache parse(String output) {
        Matcher methods = NMETHODS.matcher(output);
        Matcher used = USED.matcher(output);
        return methods.find() && used.find() ? new CodeCache(Long.parseLong(methods.group(1)),
                Long.parseLong(used.group(1))) : UNKNOWN;
    }
}
