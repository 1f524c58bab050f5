package dev.reactivetracing.devservices.postgresql.test;

/** Which server and database a connection reached, read the same way through JDBC and through the reactive pool. */
record DatabaseIdentity(String database, String user, int port, String serverStartTime) {

    static final String QUERY = "SELECT current_database() AS database, current_user AS \"user\","
            + " inet_server_port() AS port, pg_postmaster_start_time()::text AS started";
}
