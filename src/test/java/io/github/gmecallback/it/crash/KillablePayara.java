package io.github.gmecallback.it.crash;

import io.github.gmecallback.it.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A domain of its own, {@code gme-crash}, in the Payara Server the build unpacked, with ports
 * from 29000 (HTTP 29080, admin 29048), started and stopped with {@code asadmin}; the
 * deployment is deployed once and comes back with every start.
 */
final class KillablePayara extends KillableServer {

    private static final String DOMAIN = "gme-crash";
    private static final int PORT_BASE = 29000;

    private final Path home = Path.of(System.getProperty("it.payara.home", "target/payara6")).toAbsolutePath();
    private final Path domain = home.resolve("glassfish/domains/" + DOMAIN);
    private Path war;
    private boolean deployed;

    KillablePayara(String context, Map<String, String> environment) {
        super(context, environment);
    }

    private Processes.Result asadmin(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/asadmin").toString()));
        command.addAll(List.of(arguments));
        Map<String, String> environment = environment(System.getenv());
        return Processes.run(command, environment, null, true);
    }

    private void asadminOrFail(String... arguments) throws Exception {
        Processes.Result result = asadmin(arguments);
        if (result.exitCode() != 0) {
            throw new AssertionError("asadmin " + String.join(" ", arguments) + " failed: " + result.output());
        }
    }

    @Override
    public void prepare(WebArchive deployment) throws Exception {
        stop();
        asadmin("delete-domain", DOMAIN);
        asadminOrFail("create-domain", "--nopassword", "--checkports=false", "--portbase", Integer.toString(PORT_BASE),
                DOMAIN);
        war = home.getParent().resolve("crash-payara/" + context() + ".war");
        Files.createDirectories(war.getParent());
        deployment.as(ZipExporter.class).exportTo(war.toFile(), true);
        deployed = false;
    }

    @Override
    public void start() throws Exception {
        asadminOrFail("start-domain", DOMAIN);
        if (!deployed) {
            asadminOrFail("--port", Integer.toString(PORT_BASE + 48), "deploy", "--name", context(), "--contextroot",
                    context(), war.toString());
            deployed = true;
        }
        awaitDeployed(null);
    }

    /** The domain's JVM, by the PID it wrote at start. */
    private Optional<ProcessHandle> jvm() throws Exception {
        Path pid = domain.resolve("config/pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).filter(ProcessHandle::isAlive);
    }

    @Override
    public void kill() throws Exception {
        killHard(jvm().orElseThrow(() -> new AssertionError("the domain " + DOMAIN + " is not running")));
    }

    @Override
    public void stop() throws Exception {
        if (Files.isDirectory(domain) && jvm().isPresent()) {
            asadminOrFail("stop-domain", DOMAIN);
        }
    }

    @Override
    public Path logDirectory() {
        return domain.resolve("logs");
    }

    @Override
    int httpPort() {
        return PORT_BASE + 80;
    }
}
