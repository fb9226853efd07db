package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * server-config/wildfly on the test WildFly, as the README tells an administrator: the key file,
 * configure-gme-callback.cli, the shipped WAR accepts a signed callback; restore-gme-callback.cli
 * (which reloads the server), and the same WAR answers 503.
 */
@EnabledIfSystemProperty(named = "gme.it.server", matches = "wildfly")
class WildFlyServerConfigIT extends ServerConfigScripts {

    private static Processes.Result cli(String file) throws Exception {
        Path home = Path.of(System.getProperty("it.wildfly.home"));
        return Processes.run(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + System.getProperty("it.wildfly.management-port"),
                "--file=" + scriptPath("wildfly", file)), Map.of("JBOSS_HOME", home.toString()), null);
    }

    @Test
    void configureGivesTheKeyFromAFileAndRestoreTakesItAway() throws Exception {
        Path secrets = Path.of(System.getProperty("it.wildfly.home"), "standalone/configuration/gme-callback");
        Files.createDirectories(secrets, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(secrets.resolve("gme.callback.secret-key"), KEY);
        boolean configured = false;
        boolean deployed = false;
        try {
            Processes.Result configure = cli("configure-gme-callback.cli");
            assertSucceeded(configure);
            configured = true;
            assertFalse(configure.output().contains(KEY));

            deployer.deploy("shipped");
            deployed = true;
            awaitReceiver();
            assertEquals("{\"code\":0}", postSigned().body());

            assertSucceeded(cli("restore-gme-callback.cli"));
            configured = false;
            awaitReceiver();
            var refused = postSigned();
            assertEquals(503, refused.statusCode(), refused.body());
        } finally {
            if (configured) {
                cli("restore-gme-callback.cli");
                awaitReceiver();
            }
            if (deployed) {
                deployer.undeploy("shipped");
            }
            Files.deleteIfExists(secrets.resolve("gme.callback.secret-key"));
            Files.deleteIfExists(secrets);
        }
    }
}
