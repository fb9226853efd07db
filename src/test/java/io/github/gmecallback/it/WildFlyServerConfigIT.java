package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.it.mariadb.DatabaseUser;
import io.github.gmecallback.it.postgres.DatabaseRole;
import io.github.gmecallback.it.postgres.Postgres;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * server-config/wildfly on the test WildFly, as the README and the scripts' headers tell an
 * administrator: the key file, configure-gme-callback.cli, the shipped WAR accepts a signed
 * callback; restore-gme-callback.cli (which reloads the server), and the same WAR answers 503.
 * And configure-postgresql-datasource.cli on the tests' PostgreSQL: the datasource connects, and
 * its password is in no file of the server's configuration; restore-postgresql-datasource.cli, and
 * the datasource and its credential store are gone. The same for configure-mysql-datasource.cli
 * and restore-mysql-datasource.cli on the tests' MariaDB, with each of the two drivers they take.
 */
@EnabledIfSystemProperty(named = "gme.it.server", matches = "wildfly")
class WildFlyServerConfigIT extends ServerConfigScripts {

    private static final Path HOME = Path.of(System.getProperty("it.wildfly.home"));
    /** Where the datasource scripts keep the credential store, as their headers say. */
    private static final Path CREDENTIAL_STORE = HOME.resolve("standalone/data/gme-callback-credentials.cs");

    /**
     * Every character the CLI or a properties file treats specially. The script quotes the
     * password for the CLI, so that only {@code \} and {@code "} need a {@code \} in front, as
     * its header says; {@link Properties#store} adds the escapes of the properties file.
     */
    private static final String PASSWORD_PREFIX = "wildfly ds\\a'b\"c$d:e=f,g}h)i{j-";

    /** A password as the script's header tells to write it: a {@code \} before each {@code \} and {@code "}. */
    private static String quotedForTheCli(String password) {
        return password.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Processes.Result cli(String file, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + System.getProperty("it.wildfly.management-port")));
        command.addAll(List.of(options));
        if (file != null) {
            command.add("--file=" + scriptPath("wildfly", file));
        }
        return Processes.run(command, Map.of("JBOSS_HOME", HOME.toString()), null);
    }

    private static Processes.Result command(String command) throws Exception {
        return cli(null, "--command=" + command);
    }

    @Test
    void configureGivesTheKeyFromAFileAndRestoreTakesItAway() throws Exception {
        Path secrets = HOME.resolve("standalone/configuration/gme-callback");
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

    @Test
    void datasourcePasswordLivesInACredentialStoreAndRestoreRemovesBoth() throws Exception {
        try (DatabaseRole role = DatabaseRole.create("gme_it_wildfly_ds", PASSWORD_PREFIX)) {
            assertDatasourceScriptsWork("postgresql", Postgres.driverJar(), Postgres.URL, role.name(), role.password());
        }
    }

    /** Either driver, deployed as mysql.jar, as the script's header tells. */
    @ParameterizedTest
    @EnumSource(MySqlDriver.class)
    void mysqlDatasourcePasswordLivesInACredentialStoreAndRestoreRemovesBoth(MySqlDriver driver) throws Exception {
        try (DatabaseUser user = DatabaseUser.create("gme_it_wildfly_ds", PASSWORD_PREFIX)) {
            assertDatasourceScriptsWork("mysql", driver.jar(), driver.url(), user.name(), user.password());
        }
    }

    /**
     * configure-DATABASE-datasource.cli with the driver deployed as DATABASE.jar: the datasource
     * connects, and the password is in no file of the server's configuration; then
     * restore-DATABASE-datasource.cli, and the datasource and the credential store are gone, the
     * store's file left without the password.
     */
    private static void assertDatasourceScriptsWork(String database, File driver, String url, String user,
            String password) throws Exception {
        Path work = Files.createTempDirectory("gme-it-wildfly-ds", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path properties = work.resolve("gme-db.properties");
        String storePassword = "store-" + java.util.UUID.randomUUID();
        String deployment = database + ".jar";
        String configureScript = "configure-" + database + "-datasource.cli";
        String restoreScript = "restore-" + database + "-datasource.cli";
        boolean driverDeployed = false;
        boolean configured = false;
        try {
            assertSucceeded(command("deploy " + driver + " --name=" + deployment));
            driverDeployed = true;
            Properties connection = new Properties();
            connection.setProperty("gme.db.url", url);
            connection.setProperty("gme.db.user", user);
            connection.setProperty("gme.db.password", quotedForTheCli(password));
            connection.setProperty("gme.db.credential-store-password", storePassword);
            try (var out = Files.newOutputStream(properties)) {
                connection.store(out, null); // escaped as the CLI reads it
            }

            Processes.Result configure = cli(configureScript, "--resolve-parameter-values", "--properties=" + properties);
            assertSucceeded(configure);
            configured = true;
            assertFalse(configure.output().contains(password), "the CLI printed the database password");

            Processes.Result test = command("/subsystem=datasources/data-source=GmeCallbackDS:test-connection-in-pool");
            assertSucceeded(test);
            assertTrue(test.output().contains("success"), test.output());
            assertEquals(List.of(), filesHolding(HOME.resolve("standalone/configuration"), password),
                    "the database password is in the server's configuration");

            assertSucceeded(cli(restoreScript));
            configured = false;
            assertGone("/subsystem=datasources/data-source=GmeCallbackDS");
            assertGone("/subsystem=elytron/credential-store=gme-callback");
            // What stays is the store's file, as the script's header says, without the password.
            KeyStore store = KeyStore.getInstance(CREDENTIAL_STORE.toFile(), storePassword.toCharArray());
            assertEquals(0, store.size(), "entries left in " + CREDENTIAL_STORE);
        } finally {
            if (configured) {
                cli(restoreScript);
            }
            if (driverDeployed) {
                command("undeploy " + deployment);
            }
            Files.deleteIfExists(CREDENTIAL_STORE);
            Files.deleteIfExists(properties);
            Files.deleteIfExists(work);
        }
    }

    private static void assertGone(String address) throws Exception {
        Processes.Result read = command(address + ":read-resource");
        assertNotEquals(0, read.exitCode(), read.output());
        assertTrue(read.output().contains("WFLYCTL0216"), read.output()); // resource not found
    }

    /** The files under a directory, recursively, whose bytes hold a text (in UTF-8), compared byte by byte. */
    private static List<Path> filesHolding(Path directory, String text) throws Exception {
        String wanted = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> holding = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(wanted)) {
                    holding.add(directory.relativize(file));
                }
            }
            return holding;
        }
    }
}
