package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.it.database.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The readiness check {@code gme-recording-callback} through each server's MicroProfile Health
 * endpoint (WildFly: its management interface; Payara: its HTTP listener): {@code UP} with a key,
 * {@code DOWN} without one, {@code DOWN} when the {@code jdbc} stores' database is down. One
 * deployment at a time, so the endpoint shows only its check.
 */
@ArquillianTest
class HealthIT {

    private static final String KEY = Secrets.key("health-secret-key");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "ready", managed = false, testable = false)
    static WebArchive ready() {
        return Deployments.receiverWithObservers("gme-health-ready.war", "gme.callback.secret-key=" + KEY);
    }

    @Deployment(name = "no-key", managed = false, testable = false)
    static WebArchive noKey() {
        return Deployments.receiverWithObservers("gme-health-no-key.war", "");
    }

    @Deployment(name = "jdbc-ready", managed = false, testable = false)
    static WebArchive jdbcReady() {
        return TestDatabase.deployment("gme-health-jdbc.war", TestDatabase.URL,
                String.join("\n", "gme.callback.secret-key=" + KEY, "gme.callback.dedupe.store=jdbc",
                        "gme.callback.dedupe.datasource=java:app/jdbc/gme-it", "gme.callback.journal.store=jdbc",
                        "gme.callback.delivery=inbox"));
    }

    @Deployment(name = "database-down", managed = false, testable = false)
    static WebArchive databaseDown() {
        return TestDatabase.deployment("gme-health-down.war", "jdbc:postgresql://127.0.0.1:9/gme_it?connectTimeout=2",
                String.join("\n", "gme.callback.secret-key=" + KEY, "gme.callback.dedupe.store=jdbc",
                        "gme.callback.dedupe.datasource=java:app/jdbc/gme-it", "gme.callback.journal.store=jdbc"));
    }

    static URI readiness() {
        return Servers.current() == Servers.WILDFLY
                ? URI.create("http://127.0.0.1:" + System.getProperty("it.wildfly.management-port") + "/health/ready")
                : URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/health/ready");
    }

    /** Our checks in the readiness answer: one per deployment of the receiver. */
    static List<JsonObject> checks() {
        String body = Http.get(readiness()).body();
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(check -> check.getString("name").equals("gme-recording-callback")).toList();
        }
    }

    /** Our check in the readiness answer: exactly one, as one deployment is there. */
    private static JsonObject check() {
        List<JsonObject> ours = checks();
        assertEquals(1, ours.size(), ours.toString());
        return ours.get(0);
    }

    private JsonObject checkOf(String deployment) {
        deployer.deploy(deployment);
        try {
            return check();
        } finally {
            deployer.undeploy(deployment);
        }
    }

    @Test
    void upWithAKeyAndStoresThatAnswer() {
        JsonObject check = checkOf("ready");
        assertEquals("UP", check.getString("status"), check.toString());
        assertEquals("memory", check.getJsonObject("data").getString("dedupe"));
        assertEquals("memory", check.getJsonObject("data").getString("recordings"));
        assertEquals("sync", check.getJsonObject("data").getString("delivery"));
    }

    @Test
    void upWithJdbcStoresAndInboxDeliveryOnPostgres() {
        JsonObject check = checkOf("jdbc-ready");
        assertEquals("UP", check.getString("status"), check.toString());
        assertEquals("jdbc", check.getJsonObject("data").getString("dedupe"));
        assertEquals("jdbc", check.getJsonObject("data").getString("journal"));
        assertEquals("jdbc", check.getJsonObject("data").getString("recordings"), "the ledger's table answers");
        assertEquals("inbox", check.getJsonObject("data").getString("delivery"));
        assertEquals("running", check.getJsonObject("data").getString("dispatch"));
    }

    @Test
    void downWithoutAKeySayingWhy() {
        JsonObject check = checkOf("no-key");
        assertEquals("DOWN", check.getString("status"), check.toString());
        assertEquals("no secret key is configured (gme.callback.secret-key); every callback is answered 503",
                check.getJsonObject("data").getString("reason"));
    }

    @Test
    void downWhenTheStoresDatabaseIsDown() {
        JsonObject check = checkOf("database-down");
        assertEquals("DOWN", check.getString("status"), check.toString());
        assertEquals("the dedupe store is unavailable", check.getJsonObject("data").getString("reason"));
    }
}
