package io.github.gmecallback.it.crash;

import io.github.gmecallback.it.Http;
import io.github.gmecallback.it.Poll;
import io.github.gmecallback.it.Servers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A server process of the test's own, which it can kill with {@code kill -9} and start again:
 * Arquillian cannot kill its container hard. Of the server the build runs the tests on
 * ({@link Servers#current()}): the provisioned WildFly with a base directory of its own, or a
 * Payara Server domain of its own, each on ports away from the Arquillian server's.
 *
 * <p>The receiver is configured through the server process's environment, as operators often do
 * (its {@code GME_CALLBACK_*} form); nothing of the test JVM's own environment reaches it but
 * what the server needs to run.
 */
public abstract class KillableServer implements AutoCloseable {

    private final String context;
    private final Map<String, String> environment;

    KillableServer(String context, Map<String, String> environment) {
        this.context = context;
        this.environment = Map.copyOf(environment);
    }

    /**
     * A killable server of the kind the tests run on.
     *
     * @param context     the deployment's context root (and WAR name)
     * @param environment environment variables of the server process, the receiver's settings
     * @return the server, not prepared yet
     */
    public static KillableServer forCurrentServer(String context, Map<String, String> environment) {
        return Servers.current() == Servers.PAYARA ? new KillablePayara(context, environment)
                : new KillableWildFly(context, environment);
    }

    /**
     * A fresh server (configuration copied from the build's, nothing left of an earlier run)
     * with this deployment; it is not started.
     *
     * @param deployment the WAR, named {@code <context>.war}
     * @throws Exception when the server cannot be prepared
     */
    public abstract void prepare(WebArchive deployment) throws Exception;

    /**
     * Starts the server and waits until the deployment answers.
     *
     * @throws Exception when it does not within two minutes
     */
    public abstract void start() throws Exception;

    /**
     * {@code kill -9} of the server's JVM, by its PID; returns once it is gone.
     *
     * @throws Exception when it cannot be killed
     */
    public abstract void kill() throws Exception;

    /**
     * Stops the server the ordinary way, and waits until it is gone; nothing when it is not running.
     *
     * @throws Exception when it cannot be stopped
     */
    public abstract void stop() throws Exception;

    /** The directory the server writes its logs to. */
    public abstract Path logDirectory();

    abstract int httpPort();

    /** Stops the server. */
    @Override
    public void close() throws Exception {
        stop();
    }

    /** A URL of the deployment, such as {@code recording-callback}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort() + "/" + context + "/" + path);
    }

    /** The deployment's context root. */
    String context() {
        return context;
    }

    /**
     * The server process's environment: the test JVM's, less anything MicroProfile Config would
     * read as a receiver setting, plus the test's own settings.
     */
    Map<String, String> environment(Map<String, String> inherited) {
        Map<String, String> result = new TreeMap<>(inherited);
        result.keySet().removeIf(name -> name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')
                .startsWith("GME_CALLBACK_"));
        result.putAll(environment);
        return result;
    }

    /** Waits until the deployment answers a GET with 405, as it does once deployed. */
    void awaitDeployed(Process launcher) {
        Poll.until("the server to deploy " + context, Duration.ofSeconds(180), () -> {
            if (launcher != null && !launcher.isAlive() && launcher.exitValue() != 0) {
                throw new AssertionError("the server's launcher ended with " + launcher.exitValue()
                        + "; see " + logDirectory());
            }
            return deployed();
        });
    }

    private boolean deployed() {
        try {
            return Http.send(uri("recording-callback"), "GET").statusCode() == 405;
        } catch (AssertionError notListeningYet) {
            return false;
        }
    }

    /** {@code kill -9} of one process, by its PID, waiting until it is gone. */
    static void killHard(ProcessHandle jvm) {
        if (!jvm.destroyForcibly()) {
            throw new AssertionError("SIGKILL could not be sent to " + jvm.pid());
        }
        jvm.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    static void deleteTree(Path root) throws IOException {
        if (!root.toFile().exists()) {
            return;
        }
        try (Stream<Path> old = java.nio.file.Files.walk(root)) {
            old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
