package dev.reactivetracing.tooling.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

public final class FreePorts {

    /**
     * Every port this JVM has handed out. The operating system may offer a port again as soon as the socket that
     * found it is closed, before the process it was meant for binds it: two services started side by side were once
     * given the same port, the second failed to bind, and its readiness probe got the first one's answer. A port is
     * therefore handed out once per JVM (there are some 28,000 to choose from; a run uses dozens).
     */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final int ATTEMPTS = 100;

    private FreePorts() {
    }

    /**
     * A port nothing listens on right now and that this JVM has not handed out before (there is still a small window
     * in which another process could bind it before the caller does).
     */
    public static int find() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = anyFreePort();
            synchronized (HANDED_OUT) {
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free port that was not handed out before, in " + ATTEMPTS + " attempts");
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
