package io.github.gmecallback.it;

import static io.github.gmecallback.it.ConsoleClient.browser;
import static io.github.gmecallback.it.ConsoleClient.get;
import static io.github.gmecallback.it.ConsoleClient.json;
import static io.github.gmecallback.it.ConsoleClient.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.database.TestDatabase;
import io.github.gmecallback.signature.CallbackSigner;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's replay of a journal row that no longer verifies: changed in the {@code jdbc}
 * journal's table, it is refused with a 409 JSON answer naming the reason, and reaches no
 * observer.
 */
@ArquillianTest
class ConsoleReplayIT {

    private static final String KEY = Secrets.key("console-replay-secret-key");
    private static final String OPERATOR = "gme-it-replayer";
    private static final String PASSWORD = Secrets.key("replayer-password");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive receiver() throws Exception {
        return TestDatabase.consoleDeployment("gme-console-replay.war", String.join("\n",
                "gme.callback.secret-key=" + KEY,
                "gme.callback.journal.store=jdbc",
                "gme.callback.journal.datasource=java:app/jdbc/gme-it"));
    }

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabase.require(ConsoleReplayIT.class);
        assertEquals(0, Operators.add(OPERATOR, PASSWORD).exitCode());
    }

    @AfterAll
    static void removeOperator() throws Exception {
        assertEquals(0, Operators.remove(OPERATOR).exitCode());
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    private String origin() {
        return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    @Test
    void aReplayOfAnEntryChangedInTheTableIsRefusedWith409NamingTheReason() throws Exception {
        long taskId = Samples.TASK_ID + 95_000_000 + System.nanoTime() % 1_000_000;
        byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, "999"));
        assertEquals(200, Http.post(uri("recording-callback"), body, CallbackSigner.base64(body, KEY)).statusCode());

        HttpClient client = browser();
        assertTrue(get(client, uri("console/")).body().contains("j_security_check"));
        assertEquals(200, post(client, uri("j_security_check"), "j_username=" + OPERATOR + "&j_password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), "Origin", origin()).statusCode());
        JsonObject entry = json(get(client, uri("console/api/callbacks?taskId=" + taskId)))
                .getJsonArray("entries").getJsonObject(0);
        long id = entry.getJsonNumber("id").longValue();
        try (Connection c = TestDatabase.connect();
             PreparedStatement change = c.prepareStatement("UPDATE gme_callback_journal SET body = ? WHERE id = ?")) {
            change.setBytes(1, Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, "someone-else")));
            change.setLong(2, id);
            assertEquals(1, change.executeUpdate());
        }

        HttpResponse<String> one = get(client, uri("console/api/callbacks/" + id));
        String token = one.headers().firstValue("X-CSRF-Token").orElseThrow();
        HttpResponse<String> refused = post(client, uri("console/api/callbacks/" + id + "/replay"), "",
                "Origin", origin(), "X-CSRF-Token", token);
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("{\"code\":409,\"message\":\"entry " + id + " does not verify with the keys configured now "
                + "(Signature does not match the body)\"}", refused.body());
        assertEquals(1, json(get(client, uri("console/api/callbacks?taskId=" + taskId))).getJsonArray("entries")
                .size(), "no replay was journaled");
        assertEquals(1, new Observations(base).observers(taskId).stream().filter("any"::equals).count(),
                "the observers saw it once, when GME sent it");
    }
}
