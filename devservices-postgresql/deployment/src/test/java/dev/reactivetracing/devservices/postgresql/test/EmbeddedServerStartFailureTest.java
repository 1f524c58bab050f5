package dev.reactivetracing.devservices.postgresql.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A server that cannot start fails the application with PostgreSQL's own explanation. */
public class EmbeddedServerStartFailureTest {

    private static final Pattern KEPT_SERVER_LOG = Pattern.compile("PostgreSQL's output \\(end of (.+)\\):");

    @RegisterExtension
    static final QuarkusUnitTest application = new QuarkusUnitTest()
            // any free port: 8081, the default for tests, may be taken on this machine
            .overrideConfigKey("quarkus.http.test-port", "0")
            .withEmptyApplication()
            .overrideConfigKey("quarkus.postgresql-devservices.provider", "embedded")
            .overrideConfigKey("quarkus.datasource.devservices.command", "-c max_connections=0")
            // zonky waits this long for a server that will not come
            .overrideConfigKey("quarkus.devservices.timeout", "5s")
            .assertException(failure -> {
                String messages = messages(failure);
                deleteKeptServerLog(messages);
                assertTrue(messages.contains("The embedded PostgreSQL for the default datasource did not start"),
                        messages);
                assertTrue(messages.contains("outside the valid range for parameter \"max_connections\""), messages);
            });

    @Test
    void theApplicationDoesNotStart() {
        fail("the application must not start when its database cannot");
    }

    private static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    /** A failed start keeps the server's log (alone in its directory) for the developer; this test has read it. */
    private static void deleteKeptServerLog(String messages) {
        Matcher log = KEPT_SERVER_LOG.matcher(messages);
        if (log.find()) {
            Path serverLog = Path.of(log.group(1));
            try {
                Files.deleteIfExists(serverLog);
                Files.deleteIfExists(serverLog.getParent());
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
    }
}
