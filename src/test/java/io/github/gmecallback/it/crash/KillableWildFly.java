package io.github.gmecallback.it.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The provisioned WildFly with a base directory of its own ({@code target/crash-wildfly}, 400
 * ports above the defaults: HTTP 8480), deploying through its deployment scanner.
 */
final class KillableWildFly extends KillableServer {

    private static final int PORT_OFFSET = 400;

    private final Path home = Path.of(System.getProperty("it.wildfly.home", "target/wildfly")).toAbsolutePath();
    private final Path base = home.getParent().resolve("crash-wildfly");
    private Process script;

    KillableWildFly(String context, Map<String, String> environment) {
        super(context, environment);
    }

    @Override
    public void prepare(WebArchive deployment) throws IOException {
        deleteTree(base);
        Files.createDirectories(base.resolve("deployments"));
        Path configuration = home.resolve("standalone/configuration");
        try (Stream<Path> files = Files.walk(configuration)) {
            for (Path source : files.toList()) {
                Path target = base.resolve("configuration").resolve(configuration.relativize(source));
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        deployment.as(ZipExporter.class).exportTo(base.resolve("deployments/" + context() + ".war").toFile(), true);
    }

    @Override
    public void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + PORT_OFFSET)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        Map<String, String> environment = environment(builder.environment());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true");
        script = builder.start();
        try {
            awaitDeployed(script);
        } catch (AssertionError | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** The script's java child. */
    private ProcessHandle jvm() {
        return script.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst()
                .orElseThrow(() -> new AssertionError("no java process under " + script.pid()));
    }

    @Override
    public void kill() throws InterruptedException {
        killHard(jvm());
        script.waitFor(30, TimeUnit.SECONDS);
        script = null;
    }

    @Override
    public void stop() throws InterruptedException {
        if (script == null) {
            return;
        }
        var children = script.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        script.destroy();
        if (!script.waitFor(60, TimeUnit.SECONDS)) {
            children.forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        }
        script = null;
    }

    @Override
    public Path logDirectory() {
        return base.resolve("log");
    }

    @Override
    int httpPort() {
        return 8080 + PORT_OFFSET;
    }
}
