package io.github.gmecallback.it;

import static io.github.gmecallback.it.ConsoleClient.browser;
import static io.github.gmecallback.it.ConsoleClient.get;
import static io.github.gmecallback.it.ConsoleClient.json;
import static io.github.gmecallback.it.ConsoleClient.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.signature.CallbackSigner;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's Recordings, task and Overdue pages and their JSON API, for an operator of the
 * server's realm: one task with a mixed-stream file (uploaded), a user's file that stopped after
 * its start (overdue after 2 s here) and a user's file whose upload came alone (two gaps).
 */
@ArquillianTest
class ConsoleRecordingsIT {

    private static final String KEY = Secrets.key("console-recordings-secret-key");
    private static final String OPERATOR = "gme-it-ledger-operator";
    private static final String PASSWORD = Secrets.key("ledger-operator-password") + "\\x";
    private static final long BIZ = 1400000000L;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme-console-recordings.war", String.join("\n",
                "gme.callback.secret-key=" + KEY,
                "gme.callback.recordings.recording-timeout=2",
                "gme.callback.recordings.upload-timeout=60"));
    }

    @BeforeAll
    static void addUsers() throws Exception {
        Processes.Result added = Operators.add(OPERATOR, PASSWORD);
        assertEquals(0, added.exitCode(), added.output());
    }

    @AfterAll
    static void removeUsers() throws Exception {
        assertEquals(0, Operators.remove(OPERATOR).exitCode());
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    private HttpClient loggedIn() throws Exception {
        HttpClient client = browser();
        assertTrue(get(client, uri("console/recordings")).body().contains("j_security_check"));
        HttpResponse<String> after = post(client, uri("j_security_check"), "j_username="
                + URLEncoder.encode(OPERATOR, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8),
                "Origin", base.getProtocol() + "://" + base.getHost() + ":" + base.getPort());
        assertEquals(200, after.statusCode(), after.body());
        return client;
    }

    private void send(long taskId, int eventType, int recordMode, String userId) {
        byte[] body = Samples.utf8(RecordingsIT.body(taskId, eventType, recordMode, userId, 1));
        assertEquals(200, Http.post(uri("recording-callback"), body, CallbackSigner.base64(body, KEY)).statusCode());
    }

    private static String fileLine(JsonObject file) {
        return file.getInt("recordMode") + " " + file.getString("userId") + " " + file.getString("state") + " gaps="
                + file.getJsonArray("gaps").size() + (file.isNull("startedAt") ? " no-start" : "");
    }

    @Test
    void anOperatorSeesWhichFilesOfATaskAreMissingInTheApiAndThePages() throws Exception {
        long task = Samples.TASK_ID + 60_000_000 + System.nanoTime() % 1_000_000;
        for (int type = 1; type <= 3; type++) {
            send(task, type, 1, "mix");
        }
        send(task, 1, 0, "alice");
        send(task, 3, 0, "bob");
        HttpClient client = loggedIn();

        HttpResponse<String> answer = get(client, uri("console/api/recordings/" + BIZ + "/" + task));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject json = json(answer);
        assertEquals(Long.toString(task), json.getString("taskId"), "exact, as a string");
        assertEquals(List.of(3, 2, 1), List.of(json.getInt("files"), json.getInt("uploaded"), json.getInt("missing")));
        JsonArray files = json.getJsonArray("recordingFiles");
        assertEquals(List.of("1 mix UPLOADED gaps=0", "0 alice RECORDING gaps=0", "0 bob UPLOADED gaps=2 no-start"),
                files.stream().map(file -> fileLine(file.asJsonObject())).toList());

        Poll.until("alice's file overdue", Duration.ofSeconds(20), () -> {
            JsonArray overdue = json(call(client, "console/api/overdue?bizId=" + BIZ + "&taskId=" + task))
                    .getJsonArray("recordingFiles");
            return overdue.size() == 1 && overdue.getJsonObject(0).getString("userId").equals("alice");
        });
        JsonObject tasks = json(call(client, "console/api/recordings?taskId=" + task + "&state=overdue"));
        assertEquals(1, tasks.getJsonArray("tasks").size(), tasks.toString());
        JsonObject summary = tasks.getJsonArray("tasks").getJsonObject(0);
        assertEquals(List.of(3, 2, 1, 1), List.of(summary.getInt("files"), summary.getInt("uploaded"),
                summary.getInt("missing"), summary.getInt("overdue")));
        assertEquals(0, json(call(client, "console/api/recordings?taskId=" + task + "&state=COMPLETED"))
                .getJsonArray("tasks").size(), "no file of the task is completed without its upload");

        String page = call(client, "console/recordings/" + BIZ + "/" + task).body();
        assertTrue(page.contains("3 files, 2 uploaded, <strong>1 missing</strong> (1 overdue)"), page);
        assertTrue(page.contains("<h2>Mixed stream</h2>") && page.contains("<h2>User alice</h2>")
                && page.contains("<h2>User bob</h2>"), page);
        assertTrue(page.contains("never received"), "bob's start and completion are gaps: " + page);
        assertTrue(page.contains("overdue since"), page);
        assertTrue(page.matches("(?s).*<a href=\"[^\"]*entry/\\d+\">.*"), "times link to their journal entries");
        String list = call(client, "console/recordings?taskId=" + task).body();
        assertTrue(list.contains("recordings/" + BIZ + "/" + task), list);
        assertTrue(call(client, "console/overdue").body().contains(">" + task + "</a>"));
    }

    @Test
    void aMalformedParameterOrAnUnknownTaskIsAClearJsonAnswer() throws Exception {
        HttpClient client = loggedIn();
        HttpResponse<String> state = get(client, uri("console/api/recordings?state=LOST"));
        assertEquals(400, state.statusCode());
        assertEquals("state must be one of RECORDING, COMPLETED, UPLOADED, OVERDUE", json(state).getString("message"));
        assertEquals(400, get(client, uri("console/api/overdue?size=501")).statusCode());
        assertEquals(400, get(client, uri("console/api/recordings?taskId=99999999999999999999")).statusCode());
        HttpResponse<String> unknown = get(client, uri("console/api/recordings/" + BIZ + "/1"));
        assertEquals(404, unknown.statusCode());
        assertEquals(404, json(unknown).getInt("code"));
        assertEquals(400, get(client, uri("console/recordings?page=-1")).statusCode(), "the page too");
        HttpResponse<String> farPage = get(client, uri("console/api/recordings?page=2147483647"));
        assertEquals(400, farPage.statusCode(), "no page past the thousandth is read: " + farPage.body());
        assertTrue(json(farPage).getString("message").startsWith("page "), farPage.body());
    }

    @Test
    void syncDeliveryRefusesAPauseSayingWhy() throws Exception {
        OperatorSession session = OperatorSession.logIn(base, OPERATOR, PASSWORD);
        var refused = session.post("console/api/inbox/pause");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(json(refused).getString("message").startsWith("only inbox delivery pauses"), refused.body());
        assertEquals(false, session.json("console/api/inbox").getBoolean("paused"));
    }

    private HttpResponse<String> call(HttpClient client, String path) {
        try {
            HttpResponse<String> response = get(client, uri(path));
            assertEquals(200, response.statusCode(), response.body());
            return response;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
