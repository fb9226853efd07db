package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.it.postgres.DatabaseRole;
import io.github.gmecallback.it.postgres.Postgres;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * server-config/payara on the test Payara domain, as the README tells an administrator: the
 * shipped WAR without a key answers 503; the key on standard input to configure-gme-callback.sh
 * and a redeployment, and it accepts a signed callback; restore-gme-callback.sh and a
 * redeployment, and it answers 503 again. The key and the database password hold every
 * character that asadmin's password file or property lists treat specially, so that a script
 * which passes them on unescaped fails.
 */
@EnabledIfSystemProperty(named = "gme.it.server", matches = "payara")
class PayaraServerConfigIT extends ServerConfigScripts {

    /**
     * Backslash, colon, equals sign, both quotes, dollar sign and a blank: what Java properties
     * (the password file) and asadmin's property lists ({@code a=b:c=d}, quotes) treat specially.
     */
    static final String HOSTILE = "a\\b:c=d'e\"f$g h";
    /** No blank around it: the receiver strips a key's blanks (and splits at commas). */
    private static final String HOSTILE_KEY = Secrets.key(HOSTILE + "-scripted-key");
    /** A leading blank too, which a properties file drops unless it is escaped. */
    private static final String HOSTILE_PASSWORD = " " + HOSTILE + "-";

    private static String asadmin() {
        return Path.of(System.getProperty("it.payara.home"), "bin/asadmin").toString();
    }

    private static Processes.Result runScript(String name, String stdin) throws Exception {
        return runScript(name, stdin, Map.of());
    }

    private static Processes.Result runScript(String name, String stdin, Map<String, String> environment)
            throws Exception {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("ASADMIN", asadmin());
        return Processes.run(List.of("bash", scriptPath("payara", name).toString(),
                "--host", "127.0.0.1", "--port", System.getProperty("it.payara.admin-port")), variables, stdin);
    }

    private static Processes.Result asadmin(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(asadmin(),
                "--host", "127.0.0.1", "--port", System.getProperty("it.payara.admin-port")));
        command.addAll(List.of(arguments));
        return Processes.run(command, Map.of(), null);
    }

    @Test
    void configureGivesTheKeyAsAPasswordAliasAndRestoreTakesItAway() throws Exception {
        boolean configured = false;
        // The Payara adapter starts the domain at the first deployment; before the script runs,
        // the shipped WAR has no key.
        deployer.deploy("shipped");
        try {
            awaitReceiver();
            assertEquals(503, postSigned(HOSTILE_KEY).statusCode());

            Processes.Result configure = runScript("configure-gme-callback.sh", HOSTILE_KEY + "\n");
            assertSucceeded(configure);
            configured = true;
            assertFalse(configure.output().contains(HOSTILE_KEY));
            redeploy();
            assertEquals("{\"code\":0}", postSigned(HOSTILE_KEY).body());

            assertSucceeded(runScript("restore-gme-callback.sh", null));
            configured = false;
            redeploy();
            var refused = postSigned(HOSTILE_KEY);
            assertEquals(503, refused.statusCode(), refused.body());
        } finally {
            if (configured) {
                runScript("restore-gme-callback.sh", null);
            }
            deployer.undeploy("shipped");
        }
    }

    /** The role's name holds the same characters: it goes into asadmin's property list. */
    @Test
    void datasourceConnectsWithAPasswordOfEverySpecialCharacterAndRestoreRemovesIt() throws Exception {
        boolean configured = false;
        deployer.deploy("shipped"); // starts the domain, should this test run first
        try (DatabaseRole role = DatabaseRole.create("gme_it payara_ds " + HOSTILE, HOSTILE_PASSWORD)) {
            URI url = URI.create(Postgres.URL.substring("jdbc:".length()));
            Processes.Result configure = runScript("configure-postgresql-datasource.sh", role.password() + "\n", Map.of(
                    "GME_DB_HOST", url.getHost(),
                    "GME_DB_PORT", Integer.toString(url.getPort()),
                    "GME_DB_NAME", url.getPath().substring(1),
                    "GME_DB_USER", role.name(),
                    "GME_DB_DRIVER", Postgres.driverJar().toString()));
            configured = true;
            assertSucceeded(configure);
            assertFalse(configure.output().contains(role.password()), "the script printed the database password");
            assertSucceeded(asadmin("ping-connection-pool", "gme-callback-pool"));

            assertSucceeded(runScript("restore-postgresql-datasource.sh", null));
            configured = false;
            assertAbsent("gme-callback-pool", asadmin("list-jdbc-connection-pools"));
            assertAbsent("jdbc/gme-callback", asadmin("list-jdbc-resources"));
            assertAbsent("gme-callback-db-password", asadmin("list-password-aliases"));
        } finally {
            if (configured) {
                runScript("restore-postgresql-datasource.sh", null);
            }
            deployer.undeploy("shipped");
        }
    }

    private static void assertAbsent(String name, Processes.Result list) {
        assertSucceeded(list);
        assertTrue(list.output().lines().map(String::strip).noneMatch(name::equals), name + " is left: " + list.output());
    }

    /** As the README tells users: deployments read the configuration when they start. */
    private void redeploy() throws InterruptedException {
        deployer.undeploy("shipped");
        deployer.deploy("shipped");
        awaitReceiver();
    }
}
