package dev.reactivetracing.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The database of the application under test, wherever its Dev Service put it: found through the application's own
 * configuration ({@code quarkus.datasource.jdbc.url}, {@code username}, {@code password}), for a {@code @QuarkusTest}
 * that looks at rows directly.
 */
public final class ApplicationDatabase {

    private ApplicationDatabase() {
    }

    /** A new JDBC connection to it; the caller closes it. */
    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** Runs one query and returns the first column of the first row, or null. */
    public static String queryForString(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException failure) {
            throw new IllegalStateException("Query failed: " + sql, failure);
        }
    }

    public static int count(String sql) {
        return Integer.parseInt(queryForString(sql));
    }

    /** Runs statements, e.g. to put a test's data in place. */
    public static void execute(String... sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("Statement failed", failure);
        }
    }
}
