package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.it.mariadb.DatabaseUser;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * server-config/payara on the test Payara domain, as the README tells an administrator: the
 * shipped WAR without a key answers 503; the key on standard input to configure-gme-callback.sh
 * and a redeployment, and it accepts a signed callback; restore-gme-callback.sh and a
 * redeployment, and it answers 503 again. The datasource scripts, for PostgreSQL on the tests'
 * PostgreSQL and for MySQL on the tests' MariaDB with each of the two drivers they take: the pool
 * connects, and restore leaves none of what configure made. The key and the database password
 * hold every character that asadmin's password file or property lists treat specially, so that a
 * script which passes them on unescaped fails.
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
        deployer.deploy("shipped"); // starts the domain, should this test run first
        try (DatabaseRole role = DatabaseRole.create("gme_it payara_ds " + HOSTILE, HOSTILE_PASSWORD)) {
            URI url = URI.create(Postgres.URL.substring("jdbc:".length()));
            assertDatasourceScriptsWork("postgresql", role.password(), Map.of(
                    "GME_DB_HOST", url.getHost(),
                    "GME_DB_PORT", Integer.toString(url.getPort()),
                    "GME_DB_NAME", url.getPath().substring(1),
                    "GME_DB_USER", role.name(),
                    "GME_DB_DRIVER", Postgres.driverJar().toString()));
        } finally {
            deployer.undeploy("shipped");
        }
    }

    /**
     * Each driver on a URL of its scheme, from which the script picks the pool's datasource class;
     * the user's name holds the same characters, and the URL's colons need escaping too.
     */
    @ParameterizedTest
    @EnumSource(MySqlDriver.class)
    void mysqlDatasourceConnectsWithAPasswordOfEverySpecialCharacterAndRestoreRemovesIt(MySqlDriver driver)
            throws Exception {
        deployer.deploy("shipped"); // starts the domain, should this test run first
        try (DatabaseUser user = DatabaseUser.create("gme " + HOSTILE, HOSTILE_PASSWORD)) {
            assertDatasourceScriptsWork("mysql", user.password(), Map.of(
                    "GME_DB_URL", driver.url(),
                    "GME_DB_USER", user.name(),
                    "GME_DB_DRIVER", driver.jar().toString()));
        } finally {
            deployer.undeploy("shipped");
        }
    }

    /**
     * configure-DATABASE-datasource.sh with the password on standard input and the connection in
     * the environment: the pool answers a ping, and the script printed no password; then
     * restore-DATABASE-datasource.sh, and the resource, the pool and the password alias are gone.
     */
    private static void assertDatasourceScriptsWork(String database, String password, Map<String, String> connection)
            throws Exception {
        String restoreScript = "restore-" + database + "-datasource.sh";
        boolean configured = false;
        try {
            Processes.Result configure = runScript("configure-" + database + "-datasource.sh", password + "\n",
                    connection);
            configured = true;
            assertSucceeded(configure);
            assertFalse(configure.output().contains(password), "the script printed the database password");
            assertSucceeded(asadmin("ping-connection-pool", "gme-callback-pool"));

            assertSucceeded(runScript(restoreScript, null));
            configured = false;
            assertAbsent("gme-callback-pool", asadmin("list-jdbc-connection-pools"));
            assertAbsent("jdbc/gme-callback", asadmin("list-jdbc-resources"));
            assertAbsent("gme-callback-db-password", asadmin("list-password-aliases"));
        } finally {
            if (configured) {
                runScript(restoreScript, null);
            }
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
