package dev.reactivetracing.commons.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DatasourceAddressTest {

    @Test
    void readsHostPortAndDatabase() {
        assertEquals(new DatasourceAddress("db.internal", 6432, "orders"),
                DatasourceAddress.parse("postgresql://db.internal:6432/orders?sslmode=require"));
        assertEquals(new DatasourceAddress("localhost", 5432, "inventory"),
                DatasourceAddress.parse("vertx-reactive:postgresql://localhost/inventory"));
    }

    @Test
    void firstOfSeveralHostsNamesTheServer() {
        assertEquals(new DatasourceAddress("primary", 5432, "orders"),
                DatasourceAddress.parse("postgresql://primary:5432,replica:5432/orders"));
    }

    @Test
    void missingOrBrokenUrlsGiveNothing() {
        assertEquals(DatasourceAddress.UNKNOWN, DatasourceAddress.parse(null));
        assertEquals(DatasourceAddress.UNKNOWN, DatasourceAddress.parse("not a url at all"));
    }
}
