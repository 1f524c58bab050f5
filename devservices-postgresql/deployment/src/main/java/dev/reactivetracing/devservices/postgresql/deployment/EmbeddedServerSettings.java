package dev.reactivetracing.devservices.postgresql.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server settings of an embedded PostgreSQL: defaults for a throw-away database, then what
 * {@code quarkus.datasource.devservices.command} sets, read the way the container's {@code postgres} command line is
 * ({@code -c name=value}, {@code --name=value}), so that one property tunes both providers.
 */
final class EmbeddedServerSettings {

    /** Also what Quarkus' container gets unless its command sets it: the XA transactions of Narayana need it. */
    static final String MAX_PREPARED_TRANSACTIONS = "max_prepared_transactions";

    private final Map<String, String> settings;
    private final List<String> ignoredArguments;

    private EmbeddedServerSettings(Map<String, String> settings, List<String> ignoredArguments) {
        this.settings = settings;
        this.ignoredArguments = ignoredArguments;
    }

    static EmbeddedServerSettings from(Optional<String> command) {
        Map<String, String> settings = new LinkedHashMap<>();
        // Dev and test data need no crash safety; without these, every commit waits for the disk.
        settings.put("fsync", "off");
        settings.put("synchronous_commit", "off");
        settings.put("full_page_writes", "off");
        // Room for several applications, each with its pools, on one server.
        settings.put("max_connections", "300");
        settings.put(MAX_PREPARED_TRANSACTIONS, "100");
        List<String> ignored = new ArrayList<>();
        command.ifPresent(line -> parse(line, settings, ignored));
        return new EmbeddedServerSettings(settings, ignored);
    }

    private static void parse(String commandLine, Map<String, String> settings, List<String> ignored) {
        String[] arguments = commandLine.trim().split("\\s+");
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i];
            if (argument.isEmpty() || (i == 0 && argument.equals("postgres"))) {
                continue;
            }
            String setting = null;
            if (argument.equals("-c") && i + 1 < arguments.length) {
                setting = arguments[++i];
            } else if (argument.startsWith("-c") && argument.length() > 2) {
                setting = argument.substring(2);
            } else if (argument.startsWith("--")) {
                setting = argument.substring(2);
            }
            int equals = setting == null ? -1 : setting.indexOf('=');
            if (equals <= 0) {
                ignored.add(argument);
                continue;
            }
            settings.put(setting.substring(0, equals).replace('-', '_'), unquote(setting.substring(equals + 1)));
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    Map<String, String> settings() {
        return settings;
    }

    /** Arguments of the command that are not server settings (the container would take them; a server cannot). */
    List<String> ignoredArguments() {
        return ignoredArguments;
    }
}
