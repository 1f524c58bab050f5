package dev.reactivetracing.bench.support;

import java.nio.file.Path;

/** The JDK's own tools (jcmd, jstat, jfr) of the JDK the harness runs on, which also runs the services. */
public final class JdkTools {

    private JdkTools() {
    }

    public static String path(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }
}
