package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.inbox.CrashObservers;
import io.github.gmecallback.it.postgres.Postgres;
import io.github.gmecallback.signature.CallbackSigner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Nothing accepted is lost", tested by killing the server: a callback answered 200 in
 * {@code inbox} mode, whose observer is still running, survives {@code kill -9} of the server's
 * JVM, and after a restart its observer completes exactly once.
 *
 * <p>Arquillian cannot kill its container hard, so this test drives a WildFly process itself: the
 * provisioned server with a base directory of its own ({@code target/crash-server}, 400 ports
 * above the defaults), deploying through its deployment scanner. The killed dispatch held a 60 s
 * lease; the restarted server's sweep takes the entry over once the lease ran out, so the test
 * takes about a minute and a half. WildFly only: it needs no second server to make its point.
 */
class InboxCrashIT {

    private static final String KEY = Secrets.key("crash-secret-key");
    private static final int PORT_OFFSET = 400;

    private final Path home = Path.of(System.getProperty("it.wildfly.home", "target/wildfly")).toAbsolutePath();
    private final Path base = home.getParent().resolve("crash-server");
    private final Path exchange = base.resolve("exchange");

    @BeforeAll
    static void onWildFlyWithPostgres() {
        Assumptions.assumeTrue(Servers.current() == Servers.WILDFLY, "drives a WildFly process");
        Postgres.require(InboxCrashIT.class);
    }

    @Test
    void aCallbackAnsweredBeforeTheServerWasKilledIsProcessedOnceAfterItsRestart() throws Exception {
        prepareServer();
        long taskId = Samples.TASK_ID + 80_000_000 + System.nanoTime() % 1_000_000;
        String body = Samples.callback(Samples.BIZ_ID, taskId, 3, "crash");
        Process server = start();
        try {
            byte[] bytes = Samples.utf8(body);
            assertEquals(200, Http.post(endpoint(), bytes, CallbackSigner.base64(bytes, KEY)).statusCode());
            await("the observer to be dispatched", 30, () -> Files.exists(exchange.resolve("entered-" + taskId)));
            killHard(server);
        } finally {
            stop(server);
        }
        assertEquals(0, Postgres.writes(taskId), "the killed dispatch committed nothing");
        assertEquals(Map.of("PENDING", 1L), Postgres.journaled(taskId));

        Files.delete(exchange.resolve("gate"));
        server = start();
        try {
            await("the entry to be processed after its lease ran out", 150,
                    () -> Map.of("PROCESSED", 1L).equals(journaledQuietly(taskId)));
        } finally {
            stop(server);
        }
        assertEquals(List.of("completed"), Files.readAllLines(exchange.resolve("completed-" + taskId)),
                "the observer completed exactly once");
        assertEquals(List.of("entered", "entered"), Files.readAllLines(exchange.resolve("entered-" + taskId)),
                "entered before the kill, and once after the restart");
        assertEquals(1, Postgres.writes(taskId), "its write committed once");
        assertEquals(1, attempts(taskId), "the killed attempt never counted: it never ended");
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/gme-crash/recording-callback");
    }

    /** A base directory of its own: the provisioned configuration, and the test's deployment. */
    private void prepareServer() throws IOException {
        if (Files.exists(base)) {
            try (Stream<Path> old = Files.walk(base)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(base.resolve("deployments"));
        Files.createDirectories(exchange);
        try (Stream<Path> configuration = Files.walk(home.resolve("standalone/configuration"))) {
            for (Path source : configuration.toList()) {
                Path target = base.resolve("configuration").resolve(home.resolve("standalone/configuration").relativize(source));
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        Files.writeString(exchange.resolve("gate"), "held");
        Postgres.deployment("gme-crash.war", Postgres.URL, String.join("\n",
                        "gme.callback.secret-key=" + KEY,
                        "gme.callback.delivery=inbox",
                        "gme.callback.dedupe.store=jdbc",
                        "gme.callback.dedupe.datasource=java:app/jdbc/gme-it",
                        "gme.callback.journal.store=jdbc"))
                .addClass(CrashObservers.class)
                .as(ZipExporter.class).exportTo(base.resolve("deployments/gme-crash.war").toFile(), true);
    }

    private Process start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + PORT_OFFSET)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        builder.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true "
                + "-Dgme.it.crash.dir=" + exchange);
        builder.environment().remove("GME_CALLBACK_SECRET_KEY");
        Process script = builder.start();
        try {
            await("the server to deploy the receiver", 120, () -> {
                if (!script.isAlive()) {
                    throw new AssertionError("the server ended; see " + base.resolve("console.log"));
                }
                return deployed();
            });
        } catch (AssertionError | RuntimeException e) {
            stop(script);
            throw e;
        }
        return script;
    }

    private boolean deployed() {
        try {
            return Http.send(endpoint(), "GET").statusCode() == 405;
        } catch (AssertionError notListeningYet) {
            return false;
        }
    }

    /** {@code kill -9} of the server's JVM: the script's java child, by its PID. */
    private static void killHard(Process script) throws InterruptedException {
        ProcessHandle jvm = script.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst().orElseThrow(() -> new AssertionError("no java process under " + script.pid()));
        assertTrue(jvm.destroyForcibly(), "SIGKILL sent to " + jvm.pid());
        jvm.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        script.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the server, its JVM by its PID first, and waits until it is gone. */
    private static void stop(Process script) throws InterruptedException {
        script.descendants().forEach(ProcessHandle::destroy);
        script.destroy();
        if (!script.waitFor(60, TimeUnit.SECONDS)) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : script.descendants().toList()) {
            child.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

    private static Map<String, Long> journaledQuietly(long taskId) {
        try {
            return Postgres.journaled(taskId);
        } catch (SQLException e) {
            return Map.of();
        }
    }

    private static int attempts(long taskId) throws SQLException {
        try (Connection c = Postgres.connect();
             PreparedStatement select = c.prepareStatement("SELECT attempts FROM gme_callback_journal WHERE task_id = ?")) {
            select.setLong(1, taskId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + seconds + " s for " + what);
            }
            Thread.sleep(200);
        }
    }
}
