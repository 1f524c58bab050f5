package dev.reactivetracing.devservices.postgresql.test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;

/** In dev mode a live reload keeps the embedded PostgreSQL: same server, same port, same data. */
public class DevModeLiveReloadTest {

    static final int HTTP_PORT = TestSettings.freePort("dev-mode-http-port");

    @RegisterExtension
    static final QuarkusDevModeTest application = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClass(DatabaseIdentityResource.class)
                    .addAsResource(new StringAsset("""
                            quarkus.postgresql-devservices.provider=embedded
                            quarkus.http.port=%d
                            """.formatted(HTTP_PORT)), "application.properties"));

    @Test
    void liveReloadKeepsTheSameDatabaseServer() {
        String beforeReload = databaseIdentity();
        assertTrue(beforeReload.startsWith("v1:"), beforeReload);

        application.modifySourceFile(DatabaseIdentityResource.class, source -> source.replace("\"v1:\"", "\"v2:\""));

        assertEquals("v2:" + beforeReload.substring("v1:".length()), databaseIdentity());
    }

    private static String databaseIdentity() {
        return given().port(HTTP_PORT).get("/database").then().statusCode(200).extract().asString();
    }
}
