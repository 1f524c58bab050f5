package dev.reactivetracing.localrun;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Checks the chosen ports before anything starts, so that a taken port fails the run in a second, not a minute. */
final class PortAvailability {

    private PortAvailability() {
    }

    /**
     * @return one message per port in use, naming what it was meant for and the option that changes it; empty if all
     *     are free
     */
    static List<String> problems(List<PortChoice> choices) {
        List<String> problems = new ArrayList<>();
        for (PortChoice choice : choices) {
            if (!isFree(choice.number())) {
                problems.add("Port " + choice.number() + " (" + choice.port().owner() + ") is already in use. "
                        + "Stop what listens there, or choose another port: " + choice.port().howToChange());
            }
        }
        return problems;
    }

    /**
     * Binds the wildcard address, as the services do: that fails whether the port is taken on all interfaces or on
     * loopback only.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    record PortChoice(LocalRunOptions.Port port, int number) {
    }
}
