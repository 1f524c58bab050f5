package dev.reactivetracing.devservices.postgresql.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Values a test class fixes once per JVM. QuarkusUnitTest loads the test class again in the application's class
 * loader, so a static field is computed twice; a system property is seen by both copies.
 */
final class TestSettings {

    private TestSettings() {
    }

    /** A port that was free when first asked for under {@code name}; the same port on every later call. */
    static synchronized int freePort(String name) {
        String key = "postgresql-devservices.test." + name;
        String known = System.getProperty(key);
        if (known != null) {
            return Integer.parseInt(known);
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            System.setProperty(key, Integer.toString(socket.getLocalPort()));
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static void remember(String name, String value) {
        System.setProperty("postgresql-devservices.test." + name, value);
    }

    static String recalled(String name) {
        return System.getProperty("postgresql-devservices.test." + name);
    }

    static void forget(String name) {
        System.clearProperty("postgresql-devservices.test." + name);
    }
}
