package io.github.gmecallback.it.postgres;

import io.github.gmecallback.it.database.DatabaseProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * The PostgreSQL of the integration tests, which the build starts before the test servers and
 * stops after them: {@code java PostgresLauncher start DIR PORT} and {@code stop DIR}.
 *
 * <p>The binaries come from Maven Central ({@code io.zonky.test.postgres}, PostgreSQL packaged as
 * a jar per platform); as root they run under {@code unshare -U}, since PostgreSQL refuses to run
 * as root. {@code start} makes a fresh cluster in {@code DIR/data} (a cluster left by an earlier,
 * interrupted build is stopped first, by the PID in its {@code postmaster.pid}), listening on
 * 127.0.0.1:{@code PORT} only, with the tests' role and database {@code gme_it} (password
 * {@code gme_it}). Every role but the superuser {@code postgres} logs in with its password
 * ({@code scram-sha-256}, see {@link #hba(Path)}), so that a test proves a password right by
 * connecting with it; {@code gme_it} may create roles, for the tests of the server-config scripts,
 * which each make a role with a password of their own. It leaves the server running and a watchdog beside it: should the build end
 * without {@code stop} (a failure, Ctrl-C, {@code kill -9}), the watchdog stops the server once the
 * process that started it (Maven) is gone. {@code stop} stops it and waits until it is gone.
 *
 * <p>With {@code -Dgme.it.postgres.url} naming a PostgreSQL of your own, {@code start} only checks
 * that it answers as {@code gme_it}; nothing is started or stopped.
 */
public final class PostgresLauncher {

    private static final DatabaseProcess SERVER = new DatabaseProcess("PostgreSQL", "postmaster.pid", "postgres", "INT");
    /** What to do where the server cannot start here. */
    private static final String ADVICE = """
                The build runs PostgreSQL from the binaries Maven Central serves (io.zonky.test.postgres).
                Run as root, PostgreSQL needs a user namespace (`unshare -U`), which some sandboxes forbid.
                Either allow that, run the build as another user, or point the tests at a PostgreSQL of yours
                whose role gme_it (password gme_it, allowed to create roles) owns the database:

                    ./mvnw verify -Dgme.it.postgres.url=jdbc:postgresql://HOST:PORT/DATABASE
                """;

    private PostgresLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("start") && !DatabaseProcess.skipped()) {
            Optional<String> external = Postgres.external();
            if (external.isPresent()) {
                checkExternal(external.get());
            } else {
                start(Path.of(args[1]).toAbsolutePath(), Integer.parseInt(args[2]));
            }
        } else if (args.length == 2 && args[0].equals("stop")) {
            SERVER.stop(Path.of(args[1]).toAbsolutePath().resolve("data"));
        } else if (!DatabaseProcess.skipped()) {
            System.err.println("usage: PostgresLauncher start DIR PORT | stop DIR");
            System.exit(2);
        }
    }

    private static void start(Path dir, int port) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Path log = dir.resolve("postgres.log");
        SERVER.stop(data);
        DatabaseProcess.deleteTree(data);
        Files.createDirectories(dir);
        Files.deleteIfExists(log);
        long started = System.nanoTime();
        if (port == 0) {
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
        }
        Files.writeString(dir.resolve("port"), Integer.toString(port));
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(dir.resolve("binaries").toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("hba_file", hba(dir).toString())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE gme_it LOGIN CREATEROLE PASSWORD 'gme_it'");
                s.execute("CREATE DATABASE gme_it OWNER gme_it");
            }
        } catch (IOException | RuntimeException | SQLException | Error e) {
            SERVER.stop(data);
            SERVER.fail(e, log, ADVICE);
        }
        SERVER.watch(ProcessHandle.current().parent().orElseThrow().pid(), data, dir.resolve("watchdog.log"));
        System.out.printf("PostgreSQL for the integration tests: jdbc:postgresql://127.0.0.1:%d/gme_it (role gme_it), "
                + "started in %.1f s; its log: %s%n", port, (System.nanoTime() - started) / 1e9, log);
    }

    /**
     * Writes the cluster's client authentication file: the superuser, which this launcher and the
     * binaries' own start-up check use without a password, is trusted from 127.0.0.1; every other
     * role needs its password. The binaries' default trusts everyone, which would let a test
     * connect with a wrong password.
     */
    private static Path hba(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        Files.writeString(hba, """
                # TYPE  DATABASE  USER      ADDRESS       METHOD
                host    all       postgres  127.0.0.1/32  trust
                host    all       all       127.0.0.1/32  scram-sha-256
                """);
        return hba;
    }

    private static void checkExternal(String url) {
        try (Connection c = DriverManager.getConnection(url, "gme_it", "gme_it")) {
            System.out.println("PostgreSQL for the integration tests: " + url + " (given by -Dgme.it.postgres.url), "
                    + c.getMetaData().getDatabaseProductVersion());
        } catch (SQLException e) {
            System.err.println("-Dgme.it.postgres.url=" + url + " cannot be reached as role gme_it (password gme_it): "
                    + e.getMessage() + "\nLeave the property out and the build runs a PostgreSQL of its own.");
            System.exit(1);
        }
    }
}
