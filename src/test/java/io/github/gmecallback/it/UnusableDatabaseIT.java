package io.github.gmecallback.it;

import static io.github.gmecallback.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The {@code jdbc} stores on a database they cannot use, which needs no database at all: one that
 * cannot be reached does not fail the deployment, and callbacks get 503 until it can; {@code inbox}
 * delivery on an in-memory database fails the deployment, naming {@code gme.callback.delivery}.
 */
@ArquillianTest
class UnusableDatabaseIT {

    private static final String KEY = Secrets.key("unusable-database-secret-key");
    private static final String JDBC_STORES = String.join("\n",
            "gme.callback.secret-key=" + KEY,
            "gme.callback.dedupe.store=jdbc",
            "gme.callback.dedupe.datasource=java:app/jdbc/gme-it",
            "gme.callback.journal.store=jdbc");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "database-down", testable = false)
    static WebArchive databaseDown() {
        return TestDatabase.deployment("gme-pg-down.war", "jdbc:postgresql://127.0.0.1:9/gme_it?connectTimeout=2", JDBC_STORES);
    }

    @Deployment(name = "in-memory-inbox", managed = false, testable = false)
    static WebArchive inMemoryInbox() {
        File h2 = new File(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        return Deployments.receiverWithObservers("gme-inbox-in-memory.war", JDBC_STORES + "\ngme.callback.delivery=inbox")
                .addAsLibrary(h2)
                .setWebXML(new StringAsset(TestDatabase.webXml("org.h2.jdbcx.JdbcDataSource",
                        "jdbc:h2:mem:gme-inbox-refused;DB_CLOSE_DELAY=-1", "sa")));
    }

    @Test
    void aDatabaseThatCannotBeReachedGives503AndDidNotFailTheDeployment() {
        URI endpoint = URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/gme-pg-down/recording-callback");
        byte[] body = utf8(Samples.callback(Samples.TASK_ID, 3));
        HttpResponse<String> response = Http.post(endpoint, body, CallbackSigner.base64(body, KEY));
        assertEquals(503, response.statusCode());
        // The journal, on the same database, is the first to find it down.
        assertEquals("{\"code\":503,\"message\":\"the journal store is unavailable\"}", response.body());
    }

    @Test
    void inboxDeliveryOnAnInMemoryDatabaseFailsTheDeployment() {
        String messages = Deployments.failedDeployment(deployer, "in-memory-inbox");
        assertTrue(messages.contains("gme.callback.delivery"), messages);
    }
}
