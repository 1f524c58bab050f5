package dev.reactivetracing.localrun;

import java.util.Map;

/**
 * What a user can choose about a local run, from command-line options or, for use in scripts and shells, environment
 * variables (an option wins over its variable).
 */
record LocalRunOptions(int orderPort, int inventoryPort, int zipkinPort, boolean keepData, boolean help) {

    static final String USAGE = """
            Usage: bin/run [options]

            Runs the whole system on this machine without Docker: an embedded PostgreSQL, a Zipkin trace UI,
            inventory-service and order-service. Places a demo order, prints the link to its trace and the commands
            to try, and stops everything on Ctrl-C. Data and logs live in .local-run/.

            Options (each also as an environment variable; an option wins over its variable):
              --order-port=PORT      ORDER_PORT=PORT       order-service HTTP port (default 8080)
              --inventory-port=PORT  INVENTORY_PORT=PORT   inventory-service HTTP port (default 8081)
              --zipkin-port=PORT     ZIPKIN_PORT=PORT      Zipkin UI and API port (default 9411)
              --keep-data            KEEP_DATA=true        keep the database from the last run (default: a fresh one)
              --help                                       this text
            """;

    static final Port ORDER = new Port("order-service", "--order-port", "ORDER_PORT", 8080);
    static final Port INVENTORY = new Port("inventory-service", "--inventory-port", "INVENTORY_PORT", 8081);
    static final Port ZIPKIN = new Port("Zipkin", "--zipkin-port", "ZIPKIN_PORT", 9411);

    /** A port the user can choose, and how (for messages that name the option to change). */
    record Port(String owner, String option, String variable, int defaultValue) {

        String howToChange() {
            return option + "=PORT or " + variable + "=PORT";
        }
    }

    /** @throws IllegalArgumentException naming the offending option or variable */
    static LocalRunOptions parse(String[] arguments, Map<String, String> environment) {
        int orderPort = port(ORDER, environment.get(ORDER.variable()), ORDER.variable());
        int inventoryPort = port(INVENTORY, environment.get(INVENTORY.variable()), INVENTORY.variable());
        int zipkinPort = port(ZIPKIN, environment.get(ZIPKIN.variable()), ZIPKIN.variable());
        boolean keepData = Boolean.parseBoolean(environment.getOrDefault("KEEP_DATA", "false"));
        boolean help = false;
        for (int index = 0; index < arguments.length; index++) {
            String argument = arguments[index];
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--keep-data" -> keepData = true;
                case "--order-port", "--inventory-port", "--zipkin-port" -> {
                    String value;
                    if (argument.contains("=")) {
                        value = argument.substring(argument.indexOf('=') + 1);
                    } else if (index + 1 < arguments.length) {
                        value = arguments[++index];
                    } else {
                        throw new IllegalArgumentException(name + " needs a port number");
                    }
                    switch (name) {
                        case "--order-port" -> orderPort = port(ORDER, value, name);
                        case "--inventory-port" -> inventoryPort = port(INVENTORY, value, name);
                        default -> zipkinPort = port(ZIPKIN, value, name);
                    }
                }
                default -> throw new IllegalArgumentException("Unknown option: " + argument);
            }
        }
        if (orderPort == inventoryPort || orderPort == zipkinPort || inventoryPort == zipkinPort) {
            throw new IllegalArgumentException("The order-service, inventory-service and Zipkin ports must differ, "
                    + "not " + orderPort + ", " + inventoryPort + ", " + zipkinPort);
        }
        return new LocalRunOptions(orderPort, inventoryPort, zipkinPort, keepData, help);
    }

    private static int port(Port port, String value, String source) {
        if (value == null || value.isBlank()) {
            return port.defaultValue();
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1 && number <= 65_535) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(source + " must be a port number from 1 to 65535, not '" + value + "'");
    }
}
