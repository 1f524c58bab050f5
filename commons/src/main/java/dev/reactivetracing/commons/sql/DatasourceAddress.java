package dev.reactivetracing.commons.sql;

import java.net.URI;

/** Host, port and database of the reactive datasource URL, for the connection-level span attributes. */
public record DatasourceAddress(String host, int port, String database) {

    static final DatasourceAddress UNKNOWN = new DatasourceAddress(null, -1, null);

    /** Parses {@code postgresql://host:port/database?...} (optionally prefixed with {@code vertx-reactive:}). */
    public static DatasourceAddress parse(String reactiveUrl) {
        if (reactiveUrl == null || reactiveUrl.isBlank()) {
            return UNKNOWN;
        }
        String url = reactiveUrl.trim();
        if (url.startsWith("vertx-reactive:")) {
            url = url.substring("vertx-reactive:".length());
        }
        // Several comma-separated hosts are allowed: the first names the server for telemetry.
        int firstComma = url.indexOf(',');
        int pathStart = url.indexOf('/', url.indexOf("://") + 3);
        if (firstComma > 0 && pathStart > firstComma) {
            url = url.substring(0, firstComma) + url.substring(pathStart);
        }
        try {
            URI uri = URI.create(url);
            String path = uri.getPath();
            String database = path == null || path.length() <= 1 ? null : path.substring(1);
            return new DatasourceAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, database);
        } catch (IllegalArgumentException unparseable) {
            return UNKNOWN;
        }
    }
}
