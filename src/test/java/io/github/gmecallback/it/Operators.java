package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Adds and removes console operators with the server-config scripts, as an administrator would. */
final class Operators {

    private Operators() {
    }

    static Processes.Result add(String user, String password) throws Exception {
        return run("add-operator.sh", user, password + "\n");
    }

    static Processes.Result remove(String user) throws Exception {
        return run("remove-operator.sh", user, null);
    }

    /** A user of the realm who is no operator: in another group, on either server. */
    static void addNonOperator(String user, String password) throws Exception {
        Processes.Result added = add(user, password);
        assertEquals(0, added.exitCode(), added.output());
        if (Servers.current() == Servers.WILDFLY) {
            Path roles = Path.of(System.getProperty("it.wildfly.home"), "standalone/configuration/application-roles.properties");
            java.nio.file.Files.writeString(roles, java.nio.file.Files.readString(roles)
                    .replace(user + "=gme-operator", user + "=guest"));
        } else {
            Processes.Result result = Processes.run(List.of(asadmin(), "--host", "127.0.0.1", "--port",
                    System.getProperty("it.payara.admin-port"), "update-file-user", "--groups", "guest", user),
                    Map.of(), null);
            assertEquals(0, result.exitCode(), result.output());
        }
    }

    private static Processes.Result run(String script, String user, String stdin) throws Exception {
        Path path = Path.of(System.getProperty("gme.it.server-config"), Servers.current().name().toLowerCase(
                java.util.Locale.ROOT), script);
        if (Servers.current() == Servers.WILDFLY) {
            return Processes.run(List.of("bash", path.toString(), user),
                    Map.of("JBOSS_HOME", System.getProperty("it.wildfly.home")), stdin);
        }
        return Processes.run(List.of("bash", path.toString(), user, "--host", "127.0.0.1", "--port",
                System.getProperty("it.payara.admin-port")), Map.of("ASADMIN", asadmin()), stdin);
    }

    private static String asadmin() {
        return Path.of(System.getProperty("it.payara.home"), "bin/asadmin").toString();
    }
}
