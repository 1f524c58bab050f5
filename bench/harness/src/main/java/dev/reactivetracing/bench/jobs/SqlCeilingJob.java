package dev.reactivetracing.bench.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.reactivetracing.bench.load.PgBenchOutput;
import dev.reactivetracing.bench.settings.Settings;
import dev.reactivetracing.bench.support.Console;
import dev.reactivetracing.bench.system.ServicePairs;
import dev.reactivetracing.tooling.postgres.EmbeddedPostgresServer;
import dev.reactivetracing.tooling.process.ExternalCommand;

/**
 * R_sql, the ceiling: pgbench runs bench/pgbench/order.sql (the statements one order makes PostgreSQL run, in the same
 * transactions) against both services' Flyway migrations applied to one database of the same server; and the same plus
 * the outbox delivery's SQL.
 */
public final class SqlCeilingJob {

    private final RunContext context;
    private final Settings settings;
    private final EmbeddedPostgresServer postgres;

    public SqlCeilingJob(RunContext context) {
        this.context = context;
        this.settings = context.settings();
        this.postgres = context.infrastructure().postgres();
    }

    public void run() throws IOException {
        Console.step("Preparing the pgbench database (both services' migrations, " + settings.products()
                + " products)");
        String database = postgres.createDatabase("pgbench");
        List<Path> migrations = migrations();
        for (Path migration : migrations) {
            postgres.execute(database, Files.readString(migration));
        }
        postgres.execute(database,
                "INSERT INTO product (id, name, price_cents, stock) SELECT 'BENCH-' || i, 'Bench product ' || i, "
                        + "100 + i, 1000000000 FROM generate_series(0, " + (settings.products() - 1) + ") AS i",
                "INSERT INTO customer (id, name, email) SELECT ('00000000-0000-0000-0000-' || lpad(to_hex(i), 12, "
                        + "'0'))::uuid, 'Bench customer ' || i, 'bench-' || i || '@example.com' "
                        + "FROM generate_series(1, " + settings.customers() + ") AS i",
                "VACUUM ANALYZE");
        System.out.println(migrations.size() + " migrations applied");

        Path log = context.infrastructure().logs().resolve("pgbench.log");
        Path requestScript = settings.root().resolve("bench/pgbench/order.sql");
        Path withDelivery = settings.work().resolve("order-with-delivery.sql");
        Files.writeString(withDelivery, Files.readString(requestScript)
                + Files.readString(settings.root().resolve("bench/pgbench/delivery.sql")));
        context.results().machine("pgbench", ExternalCommand.run(List.of("pgbench", "--version"), Map.of(), log,
                Duration.ofSeconds(10), false).output().trim());

        int warmup = Math.max(2, settings.pgbenchSeconds() / 3);
        Console.step("pgbench warm-up (" + warmup + " s, not counted)");
        ExternalCommand.run(command(database, withDelivery, warmup), environment(), log,
                Duration.ofSeconds(warmup + 60L), false);
        Console.done();
        for (int run = 1; run <= settings.minRounds(); run++) {
            for (var script : List.of(Map.entry("request", requestScript), Map.entry("with_delivery", withDelivery))) {
                Console.step("pgbench " + script.getKey().replace('_', ' ') + ", run " + run + "/"
                        + settings.minRounds());
                double cpuBefore = context.infrastructure().postgresCpuSeconds();
                ExternalCommand.Result result = ExternalCommand.runTimed(command(database, script.getValue(),
                        settings.pgbenchSeconds()), environment(), log,
                        Duration.ofSeconds(settings.pgbenchSeconds() + 60L), false);
                double cpu = context.infrastructure().postgresCpuSeconds() - cpuBefore;
                Map<String, Object> parsed = PgBenchOutput.parse(result.output());
                double transactions = Math.max(1, ((Number) parsed.get("transactions")).doubleValue());
                parsed.put("postgres_cpu_ms_per_tx", 1000 * cpu / transactions);
                parsed.put("pgbench_cpu_ms_per_tx", 1000 * result.cpuSeconds() / transactions);
                double totalCpuMs = 1000 * (cpu + result.cpuSeconds()) / transactions;
                parsed.put("cpu_ms_per_tx_total", totalCpuMs);
                parsed.put("cpu_bound_capacity_per_s", Runtime.getRuntime().availableProcessors() * 1000 / totalCpuMs);
                context.results().addRun("pgbench_" + script.getKey(), parsed);
                if (((Number) parsed.get("failed")).longValue() > 0) {
                    context.markFailed();
                }
                System.out.printf("%.0f tx/s (latency avg %.2f ms)%n", ((Number) parsed.get("tps")).doubleValue(),
                        parsed.get("latency_avg_ms"));
            }
        }
    }

    private List<String> command(String database, Path script, int seconds) {
        return List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(settings.pgbenchClients()),
                "-j", "1", "-T", Integer.toString(seconds),
                "-D", "products=" + settings.products(), "-D", "customers=" + settings.customers(),
                "-f", script.toString(), "-h", "localhost", "-p", Integer.toString(postgres.port()),
                "-U", EmbeddedPostgresServer.USER, database);
    }

    private static Map<String, String> environment() {
        return Map.of("PGPASSWORD", EmbeddedPostgresServer.PASSWORD);
    }

    /** Both services' Flyway migrations, each service's in version order. */
    private List<Path> migrations() {
        List<Path> migrations = new ArrayList<>();
        for (String service : List.of(ServicePairs.INVENTORY, ServicePairs.ORDER)) {
            try (Stream<Path> files = Files.list(settings.root().resolve(service + "/src/main/resources/db/migration"))) {
                files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                        .sorted(Comparator.comparingInt(SqlCeilingJob::version)).forEach(migrations::add);
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
        return migrations;
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
