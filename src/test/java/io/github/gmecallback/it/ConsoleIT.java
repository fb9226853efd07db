package io.github.gmecallback.it;

import static io.github.gmecallback.it.ConsoleClient.browser;
import static io.github.gmecallback.it.ConsoleClient.get;
import static io.github.gmecallback.it.ConsoleClient.json;
import static io.github.gmecallback.it.ConsoleClient.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.observers.JournalServlet;
import io.github.gmecallback.signature.CallbackSigner;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator console over HTTP, on both servers: FORM login through the server's realm with a
 * user the server-config script added; the JSON API; replay only with the session's CSRF token
 * and a same-origin {@code Origin}; anonymous users and users without the role kept out; the
 * frame-denying headers; everything escaped.
 */
@ArquillianTest
class ConsoleIT {

    private static final String KEY = Secrets.key("console-secret-key");
    private static final String OPERATOR = "gme-it-operator";
    /** With a backslash, which asadmin's password file would drop unescaped. */
    private static final String OPERATOR_PASSWORD = Secrets.key("operator-password") + "\\x";
    private static final String OUTSIDER = "gme-it-outsider";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme-console-it.war", "gme.callback.secret-key=" + KEY)
                .addClass(JournalServlet.class);
    }

    @BeforeAll
    static void addUsers() throws Exception {
        Processes.Result added = Operators.add(OPERATOR, OPERATOR_PASSWORD);
        assertEquals(0, added.exitCode(), added.output());
        assertFalse(added.output().contains(OPERATOR_PASSWORD), "the script never shows the password");
        Operators.addNonOperator(OUTSIDER, OPERATOR_PASSWORD);
    }

    @AfterAll
    static void removeUsers() throws Exception {
        assertEquals(0, Operators.remove(OPERATOR).exitCode());
        assertEquals(0, Operators.remove(OUTSIDER).exitCode());
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    private String origin() {
        return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    /** Logs in through the FORM login, as a browser does: the protected page first, then the form. */
    private HttpClient loggedIn(String user, String password) throws Exception {
        HttpClient client = browser();
        HttpResponse<String> login = get(client, uri("console/"));
        assertTrue(login.body().contains("j_security_check"), "the login form first: " + login.body());
        HttpResponse<String> after = post(client, uri("j_security_check"), "j_username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8), "Origin", origin());
        assertEquals(200, after.statusCode(), after.body());
        return client;
    }

    private long send(String roomId, String userId) {
        long taskId = Samples.TASK_ID + 40_000_000 + System.nanoTime() % 1_000_000;
        String body = Samples.callback(Samples.BIZ_ID, taskId, 3, userId).replace("\"RoomID\":\"100\"",
                "\"RoomID\":\"" + roomId + "\"");
        byte[] bytes = Samples.utf8(body);
        assertEquals(200, Http.post(uri("recording-callback"), bytes, CallbackSigner.base64(bytes, KEY)).statusCode());
        return taskId;
    }

    @Test
    void anOperatorFindsAnEntryAndReplaysItThroughTheApi() throws Exception {
        long taskId = send("100", "999");
        HttpClient client = loggedIn(OPERATOR, OPERATOR_PASSWORD);

        HttpResponse<String> list = get(client, uri("console/api/callbacks?taskId=" + taskId));
        assertEquals(200, list.statusCode(), list.body());
        JsonArray entries = json(list).getJsonArray("entries");
        assertEquals(1, entries.size(), list.body());
        JsonObject entry = entries.getJsonObject(0);
        assertEquals(Long.toString(taskId), entry.getString("taskId"));
        assertEquals("PROCESSED", entry.getString("outcome"));
        long id = entry.getJsonNumber("id").longValue();

        HttpResponse<String> one = get(client, uri("console/api/callbacks/" + id));
        assertTrue(json(one).getString("body").contains("\"TaskID\":" + taskId), one.body());
        String token = one.headers().firstValue("X-CSRF-Token").orElseThrow();

        URI replay = uri("console/api/callbacks/" + id + "/replay");
        assertEquals(403, post(client, replay, "", "Origin", origin()).statusCode(), "no token");
        assertEquals(403, post(client, replay, "", "Origin", "http://evil.example", "X-CSRF-Token", token).statusCode(),
                "another origin");
        assertEquals(403, post(client, replay, "", "X-CSRF-Token", token).statusCode(), "no Origin");
        assertEquals(403, post(client, replay, "", "Origin", origin(), "X-CSRF-Token", token + "x").statusCode(),
                "a wrong token");
        HttpResponse<String> replayed = post(client, replay, "", "Origin", origin(), "X-CSRF-Token", token);
        assertEquals(200, replayed.statusCode(), replayed.body());
        assertTrue(json(replayed).getBoolean("replay"));
        assertEquals("PROCESSED", json(replayed).getString("outcome"));
        assertEquals(2, new Observations(base).observers(taskId).stream().filter("any"::equals).count(),
                "the observers saw it again");

        HttpResponse<String> stats = get(client, uri("console/api/stats"));
        assertTrue(json(stats).getJsonNumber("processed").longValue() >= 2, stats.body());
    }

    /** Signs and sends a callback; its answer's status. */
    private int send(long bizId, long taskId, int eventType, String userId, String roomId) {
        byte[] bytes = Samples.utf8(Samples.callback(bizId, taskId, eventType, userId)
                .replace("\"RoomID\":\"100\"", "\"RoomID\":\"" + roomId + "\""));
        return Http.post(uri("recording-callback"), bytes, CallbackSigner.base64(bytes, KEY)).statusCode();
    }

    /** The TaskIDs of the entries the API lists for a query, in its order. */
    private List<Long> taskIds(HttpClient client, String query) throws Exception {
        HttpResponse<String> list = get(client, uri("console/api/callbacks?" + query));
        assertEquals(200, list.statusCode(), query + ": " + list.body());
        return json(list).getJsonArray("entries").stream()
                .map(entry -> Long.parseLong(entry.asJsonObject().getString("taskId"))).toList();
    }

    @Test
    void theApiFiltersByEveryFieldAndTimeAndPagesNewestFirst() throws Exception {
        String room = "filters-" + System.nanoTime();
        long t = Samples.TASK_ID + 41_000_000 + System.nanoTime() % 1_000_000 * 10;
        long otherApp = 1_400_000_001L;
        assertEquals(200, send(Samples.BIZ_ID, t + 1, 1, "alice", room));
        assertEquals(200, send(Samples.BIZ_ID, t + 2, 2, "bob", room));
        assertEquals(200, send(Samples.BIZ_ID, t + 3, 3, "alice", room));
        Thread.sleep(50); // received strictly before and after the middle
        String middle = Instant.now().toString();
        Thread.sleep(50);
        assertEquals(200, send(otherApp, t + 4, 3, "carol", room));
        assertEquals(500, send(Samples.BIZ_ID, t + 5, 1, "throw", room));
        assertEquals(200, send(Samples.BIZ_ID, t + 3, 3, "alice", room), "a repeat");
        HttpClient client = loggedIn(OPERATOR, OPERATOR_PASSWORD);
        String inRoom = "roomId=" + room;

        assertEquals(List.of(t + 5, t + 4, t + 3, t + 2, t + 1), taskIds(client, inRoom),
                "newest first; the repeat is counted on its entry, not listed again");
        HttpResponse<String> repeated = get(client, uri("console/api/callbacks?taskId=" + (t + 3)));
        assertEquals(1, json(repeated).getJsonArray("entries").getJsonObject(0).getInt("repeats"), repeated.body());
        assertEquals(List.of(t + 2), taskIds(client, "taskId=" + (t + 2)));
        assertEquals(List.of(t + 3, t + 1), taskIds(client, inRoom + "&userId=alice"));
        assertEquals(List.of(t + 4, t + 3), taskIds(client, inRoom + "&eventType=3"));
        assertEquals(List.of(t + 4), taskIds(client, inRoom + "&bizId=" + otherApp));
        assertEquals(List.of(t + 5), taskIds(client, inRoom + "&outcome=FAILED"));
        assertEquals(List.of(t + 4, t + 3, t + 2, t + 1), taskIds(client, inRoom + "&outcome=processed"));
        assertEquals(List.of(t + 5, t + 4), taskIds(client, inRoom + "&from=" + middle));
        assertEquals(List.of(t + 3, t + 2, t + 1), taskIds(client, inRoom + "&to=" + middle));
        assertEquals(List.of(), taskIds(client, inRoom + "&userId=nobody"));

        HttpResponse<String> first = get(client, uri("console/api/callbacks?" + inRoom + "&size=3"));
        HttpResponse<String> second = get(client, uri("console/api/callbacks?" + inRoom + "&size=3&page=1"));
        assertTrue(json(first).getBoolean("hasMore"), first.body());
        assertFalse(json(second).getBoolean("hasMore"), second.body());
        assertEquals(List.of(t + 5, t + 4, t + 3), taskIds(client, inRoom + "&size=3"));
        assertEquals(List.of(t + 2, t + 1), taskIds(client, inRoom + "&size=3&page=1"));

        for (String malformed : List.of("taskId=abc", "page=-1", "size=0", "outcome=LOST", "from=yesterday")) {
            HttpResponse<String> refused = get(client, uri("console/api/callbacks?" + malformed));
            assertEquals(400, refused.statusCode(), malformed + ": " + refused.body());
            String parameter = malformed.substring(0, malformed.indexOf('='));
            assertTrue(json(refused).getString("message").contains(parameter), refused.body());
        }
    }

    /**
     * Numbers and times past what their field holds: a 400 naming the parameter, from the API as
     * JSON and from the list page as a page, never a server error and never a value cut to fit.
     */
    @Test
    void parametersBeyondTheirRangeAreRefusedNamingTheParameter() throws Exception {
        HttpClient client = loggedIn(OPERATOR, OPERATOR_PASSWORD);
        for (String beyond : List.of("from=%2B300000000-01-01T00:00", "to=%2B300000000-01-01T00:00Z",
                "from=-300000000-01-01T00:00", "to=%2B10000-01-01T00:00", "eventType=4294967299",
                "eventType=2147483648", "eventType=-2147483649", "taskId=9223372036854775808",
                "bizId=99999999999999999999", "page=1000", "page=2147483647", "page=2147483648",
                "page=99999999999999999999",
                "size=9223372036854775808")) {
            String parameter = beyond.substring(0, beyond.indexOf('='));
            HttpResponse<String> api = get(client, uri("console/api/callbacks?" + beyond));
            assertEquals(400, api.statusCode(), beyond + ": " + api.body());
            assertTrue(api.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), beyond);
            assertEquals(400, json(api).getInt("code"), api.body());
            assertTrue(json(api).getString("message").startsWith(parameter + " "), beyond + ": " + api.body());
            HttpResponse<String> page = get(client, uri("console/?" + beyond));
            assertEquals(400, page.statusCode(), beyond + ": " + page.body());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), beyond);
            assertTrue(page.body().contains("<h1>Error 400</h1>") && page.body().contains("<p>" + parameter + " "),
                    beyond + ": " + page.body());
        }
        assertEquals(200, get(client, uri("console/api/callbacks?eventType=2147483647&page=999"
                + "&from=0001-01-01T00:00&to=9999-12-31T23:59:59Z")).statusCode(), "the edges of each range");
    }

    @Test
    void pagesAreEscapedAndCannotBeFramed() throws Exception {
        long taskId = send("<script>alert(\\\"x\\\")</script>", "u&'<b>");
        HttpClient client = loggedIn(OPERATOR, OPERATOR_PASSWORD);
        HttpResponse<String> page = get(client, uri("console/?taskId=" + taskId));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), page.body());
        assertFalse(page.body().contains("<script>"), page.body());
        assertTrue(page.body().contains("u&amp;&#39;&lt;b&gt;"), page.body());
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));

        String entryLink = page.body().replaceAll("(?s).*href=\"([^\"]*/entry/\\d+)\".*", "$1");
        HttpResponse<String> entry = get(client, URI.create(base.toString()).resolve(entryLink));
        assertEquals(200, entry.statusCode(), entry.body());
        assertTrue(entry.body().contains("&lt;script&gt;"), entry.body());
        assertEquals("DENY", entry.headers().firstValue("X-Frame-Options").orElse(""));
    }

    @Test
    void anonymousUsersAndUsersWithoutTheRoleAreKeptOut() throws Exception {
        HttpResponse<String> anonymous = get(browser(), uri("console/api/stats"));
        assertFalse(anonymous.body().contains("\"processed\""), "no counters without a login: " + anonymous.body());
        assertTrue(anonymous.body().contains("j_security_check"), anonymous.body());
        HttpResponse<String> anonymousReplay = post(browser(), uri("console/api/callbacks/1/replay"), "", "Origin",
                origin());
        assertFalse(anonymousReplay.body().contains("\"replay\""), "no replay without a login: " + anonymousReplay.body());

        HttpClient outsider = browser();
        get(outsider, uri("console/"));
        post(outsider, uri("j_security_check"), "j_username=" + OUTSIDER + "&j_password="
                + URLEncoder.encode(OPERATOR_PASSWORD, StandardCharsets.UTF_8), "Origin", origin());
        HttpResponse<String> stats = get(outsider, uri("console/api/stats"));
        assertEquals(403, stats.statusCode(), "authenticated, but not in the role gme-operator: " + stats.body());

        HttpClient wrong = browser();
        get(wrong, uri("console/"));
        HttpResponse<String> failed = post(wrong, uri("j_security_check"), "j_username=" + OPERATOR
                + "&j_password=wrong", "Origin", origin());
        assertTrue(failed.body().contains("Wrong user name or password"), failed.body());
    }
}
