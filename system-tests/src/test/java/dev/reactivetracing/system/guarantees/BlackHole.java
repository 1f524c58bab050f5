package dev.reactivetracing.system.guarantees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP endpoint that accepts connections and never answers: a collector that hangs. */
final class BlackHole implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    BlackHole(int port) {
        try {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        Thread.ofPlatform().daemon().name("black-hole").start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket accepted = server.accept();
                    held.add(accepted);
                    if (server.isClosed()) {
                        accepted.close(); // accepted while close() ran: not left open on the port
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    int connectionsHeld() {
        return held.size();
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
