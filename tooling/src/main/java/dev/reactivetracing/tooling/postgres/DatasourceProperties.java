package dev.reactivetracing.tooling.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Quarkus datasource configuration pointing a service at one database of an embedded server. */
public final class DatasourceProperties {

    private DatasourceProperties() {
    }

    /** As Quarkus properties, for a test resource. */
    public static Map<String, String> forDatabase(EmbeddedPostgresServer server, String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.reactive.url", server.reactiveUrl(database));
        properties.put("quarkus.datasource.jdbc.url", server.jdbcUrl(database));
        properties.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
        properties.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
        return properties;
    }

    /** As the environment variables a packaged service reads, for a service process. */
    public static Map<String, String> asEnvironment(EmbeddedPostgresServer server, String database) {
        Map<String, String> environment = new LinkedHashMap<>();
        forDatabase(server, database).forEach((property, value) -> environment.put(toEnvironmentName(property), value));
        return environment;
    }

    /** MicroProfile Config's mapping of a property name to an environment variable. */
    public static String toEnvironmentName(String property) {
        StringBuilder name = new StringBuilder(property.length());
        for (char character : property.toCharArray()) {
            name.append(Character.isLetterOrDigit(character) ? Character.toUpperCase(character) : '_');
        }
        return name.toString();
    }
}
