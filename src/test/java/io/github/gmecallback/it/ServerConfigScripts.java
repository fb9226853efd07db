package io.github.gmecallback.it;

import static io.github.gmecallback.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.mariadb.MariaDb;
import io.github.gmecallback.signature.CallbackSigner;
import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What the server-config tests share: the shipped WAR, deployed when a test says so, where the
 * scripts are, the callback they send, and the two drivers the MySQL datasource scripts take.
 */
@ArquillianTest
abstract class ServerConfigScripts {

    static final String KEY = Secrets.key("scripted-secret-key");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "shipped", managed = false, testable = false)
    static WebArchive shipped() {
        return Deployments.shippedWar("gme-scripted.war");
    }

    static Path scriptPath(String server, String name) {
        return Path.of(System.getProperty("gme.it.server-config"), server, name);
    }

    static URI endpoint() {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-scripted/recording-callback");
    }

    static HttpResponse<String> postSigned() {
        return postSigned(KEY);
    }

    static HttpResponse<String> postSigned(String key) {
        byte[] body = utf8(Samples.callback(Samples.TASK_ID, 3));
        return Http.post(endpoint(), body, CallbackSigner.base64(body, key));
    }

    /** Waits until the shipped WAR answers (a GET gets its 405), for at most 90 s. */
    static void awaitReceiver() throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (Http.get(endpoint()).statusCode() == 405) {
                    return;
                }
            } catch (AssertionError connectionRefused) {
                // the server is reloading
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the receiver did not come back at " + endpoint());
    }

    static void assertSucceeded(Processes.Result result) {
        assertEquals(0, result.exitCode(), result.output());
    }

    /**
     * The drivers the MySQL datasource scripts take, each on the tests' MariaDB by the URL scheme
     * that is its own. MySQL Connector/J reaches MariaDB as applications written for MySQL do: on
     * jdbc:mysql:, with no setting of either driver's.
     */
    enum MySqlDriver {
        /** MariaDB Connector/J. */
        MARIADB("jdbc:mariadb:", MariaDb::driverJar),
        /** MySQL Connector/J. */
        MYSQL("jdbc:mysql:", MariaDb::mysqlDriverJar);

        private final String scheme;
        private final Supplier<File> jar;

        MySqlDriver(String scheme, Supplier<File> jar) {
            this.scheme = scheme;
            this.jar = jar;
        }

        /** The driver's jar. */
        File jar() {
            return jar.get();
        }

        /** The tests' MariaDB in this driver's scheme. */
        String url() {
            return scheme + MariaDb.URL.substring(MariaDb.URL.indexOf("//"));
        }
    }
}
