package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * server-config/payara on the test Payara domain, as the README tells an administrator: the
 * shipped WAR without a key answers 503; the key on standard input to configure-gme-callback.sh
 * and a redeployment, and it accepts a signed callback; restore-gme-callback.sh and a
 * redeployment, and it answers 503 again.
 */
@EnabledIfSystemProperty(named = "gme.it.server", matches = "payara")
class PayaraServerConfigIT extends ServerConfigScripts {

    private static Processes.Result runScript(String name, String stdin) throws Exception {
        String asadmin = Path.of(System.getProperty("it.payara.home"), "bin/asadmin").toString();
        return Processes.run(List.of("bash", scriptPath("payara", name).toString(),
                "--host", "127.0.0.1", "--port", System.getProperty("it.payara.admin-port")),
                Map.of("ASADMIN", asadmin), stdin);
    }

    @Test
    void configureGivesTheKeyAsAPasswordAliasAndRestoreTakesItAway() throws Exception {
        boolean configured = false;
        // The Payara adapter starts the domain at the first deployment; before the script runs,
        // the shipped WAR has no key.
        deployer.deploy("shipped");
        try {
            awaitReceiver();
            assertEquals(503, postSigned().statusCode());

            Processes.Result configure = runScript("configure-gme-callback.sh", KEY + "\n");
            assertSucceeded(configure);
            configured = true;
            assertFalse(configure.output().contains(KEY));
            redeploy();
            assertEquals("{\"code\":0}", postSigned().body());

            assertSucceeded(runScript("restore-gme-callback.sh", null));
            configured = false;
            redeploy();
            var refused = postSigned();
            assertEquals(503, refused.statusCode(), refused.body());
        } finally {
            if (configured) {
                runScript("restore-gme-callback.sh", null);
            }
            deployer.undeploy("shipped");
        }
    }

    /** As the README tells users: deployments read the configuration when they start. */
    private void redeploy() throws InterruptedException {
        deployer.undeploy("shipped");
        deployer.deploy("shipped");
        awaitReceiver();
    }
}
