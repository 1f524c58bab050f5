package dev.reactivetracing.devservices.postgresql.test;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The dev mode test edits the prefix and checks that the answer still names the same server. */
@Path("/database")
public class DatabaseIdentityResource {

    @Inject
    Pool pool;

    @GET
    public Uni<String> identity() {
        return pool.query("SELECT inet_server_port() AS port, pg_postmaster_start_time()::text AS started").execute()
                .map(rows -> describe(rows.iterator().next()));
    }

    private static String describe(Row server) {
        return "v1:" + server.getInteger("port") + "@" + server.getString("started");
    }
}
