package dev.reactivetracing.localrun;

import java.util.Locale;
import java.util.Map;

/**
 * What a user can choose about a local run ({@code bin/run}) or a dev run ({@code bin/dev}), from command-line options
 * or, for use in scripts and shells, environment variables (an option wins over its variable).
 */
record LocalRunOptions(int orderPort, int inventoryPort, int zipkinPort, boolean keepData,
        boolean continuousTesting, boolean debug, boolean help) {

    /** The two launchers share ports and help; each has one option of its own. */
    enum Mode {
        RUN("""
                Usage: bin/run [options]

                Runs the whole system on this machine without Docker: an embedded PostgreSQL, a Zipkin trace UI,
                inventory-service and order-service. Places a demo order, prints the link to its trace and the commands
                to try, and stops everything on Ctrl-C. Data and logs live in .local-run/.
                """, """
                  --keep-data            KEEP_DATA=true        keep the database from the last run (default: a fresh one)
                  --no-build                                   start from the last build (bin/run builds first)
                """),
        DEV("""
                Usage: bin/dev [options]

                Runs both services in Quarkus dev mode (live reload, Dev UI, debug ports 5006 and 5005), each with its
                own PostgreSQL from Dev Services (a container with Docker, an embedded one without), wired to each other
                and to a Zipkin trace UI. Logs go to .dev-run/logs and, prefixed, here; Ctrl-C stops everything.
                """, """
                  --continuous-testing   CONTINUOUS_TESTING=true  run each service's tests on every change
                  --no-debug             DEV_DEBUG=false       no debugger ports (default: 5005 order, 5006 inventory)
                """);

        private final String summary;
        private final String ownOption;

        Mode(String summary, String ownOption) {
            this.summary = summary;
            this.ownOption = ownOption;
        }

        String usage() {
            return summary + """

                    Options (each also as an environment variable; an option wins over its variable):
                      --order-port=PORT      ORDER_PORT=PORT       order-service HTTP port (default 8080)
                      --inventory-port=PORT  INVENTORY_PORT=PORT   inventory-service HTTP port (default 8081)
                      --zipkin-port=PORT     ZIPKIN_PORT=PORT      Zipkin UI and API port (default 9411)
                    """ + ownOption + """
                      --help                                       this text
                    """;
        }
    }

    static final Port ORDER = new Port("order-service", "--order-port", "ORDER_PORT", 8080);
    static final Port INVENTORY = new Port("inventory-service", "--inventory-port", "INVENTORY_PORT", 8081);
    static final Port ZIPKIN = new Port("Zipkin", "--zipkin-port", "ZIPKIN_PORT", 9411);

    /** A port the user can choose, and how (for messages that name the option to change). */
    record Port(String owner, String option, String variable, int defaultValue) {

        String howToChange() {
            return option + "=PORT or " + variable + "=PORT";
        }
    }

    /** The options of {@code bin/run}. */
    static LocalRunOptions parse(String[] arguments, Map<String, String> environment) {
        return parse(arguments, environment, Mode.RUN);
    }

    /**
     * A launcher's command line and environment. With {@code --help}: the usage on standard output and exit status 0;
     * with an invalid option: why, the usage on standard error and exit status 2. Either way the JVM exits here.
     */
    static LocalRunOptions parseOrExit(String[] arguments, Mode mode) {
        LocalRunOptions options;
        try {
            options = parse(arguments, System.getenv(), mode);
        } catch (IllegalArgumentException invalid) {
            System.err.println(invalid.getMessage());
            System.err.println();
            System.err.print(mode.usage());
            System.exit(2);
            throw invalid;
        }
        if (options.help()) {
            System.out.print(mode.usage());
            System.exit(0);
        }
        return options;
    }

    /** @throws IllegalArgumentException naming the offending option or variable (or one the mode does not have) */
    static LocalRunOptions parse(String[] arguments, Map<String, String> environment, Mode mode) {
        int orderPort = port(ORDER, environment.get(ORDER.variable()), ORDER.variable());
        int inventoryPort = port(INVENTORY, environment.get(INVENTORY.variable()), INVENTORY.variable());
        int zipkinPort = port(ZIPKIN, environment.get(ZIPKIN.variable()), ZIPKIN.variable());
        boolean keepData = mode == Mode.RUN && Boolean.parseBoolean(environment.getOrDefault("KEEP_DATA", "false"));
        boolean continuousTesting = mode == Mode.DEV
                && Boolean.parseBoolean(environment.getOrDefault("CONTINUOUS_TESTING", "false"));
        boolean debug = mode == Mode.DEV && Boolean.parseBoolean(environment.getOrDefault("DEV_DEBUG", "true"));
        boolean help = false;
        for (int index = 0; index < arguments.length; index++) {
            String argument = arguments[index];
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--keep-data" -> keepData = optionOf(Mode.RUN, mode, name);
                case "--continuous-testing" -> continuousTesting = optionOf(Mode.DEV, mode, name);
                case "--no-debug" -> debug = !optionOf(Mode.DEV, mode, name);
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
        return new LocalRunOptions(orderPort, inventoryPort, zipkinPort, keepData, continuousTesting, debug, help);
    }

    /** True: the option was given and belongs to the launcher running. */
    private static boolean optionOf(Mode owner, Mode running, String option) {
        if (owner != running) {
            throw new IllegalArgumentException(option + " is an option of bin/" + owner.name().toLowerCase(Locale.ROOT)
                    + ", not of bin/" + running.name().toLowerCase(Locale.ROOT));
        }
        return true;
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
