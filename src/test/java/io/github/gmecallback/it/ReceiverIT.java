package io.github.gmecallback.it;

import static io.github.gmecallback.Samples.callback;
import static io.github.gmecallback.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The receiver over real HTTP on a real server, with observers deployed beside it: each row of
 * the status table that needs no dedupe store, journal or replay window, and what observers see.
 */
@ArquillianTest
class ReceiverIT {

    static final String KEY = Secrets.key("it-default-key-1");
    static final String ROTATED_KEY = Secrets.key("it-default-key-2");
    static final long APP_B = 1400000001L;
    static final String APP_B_KEY = Secrets.key("it-app-b-key");
    static final int LIMIT = 4096;

    /** TaskIDs above 2^53, one per test, so that tests never see each other's callbacks. */
    private static final AtomicLong TASK_IDS = new AtomicLong(Samples.TASK_ID + System.nanoTime() % 1_000_000 * 1000);
    /** TaskIDs of every request the receiver must refuse: no observer may ever see one. */
    private static final List<Long> REFUSED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static Observations lastObservations;

    @ArquillianResource
    URL base;

    private URI endpoint;
    private Observations observations;

    @Deployment(testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme.war", String.join("\n",
                "gme.callback.secret-key=" + KEY + "," + ROTATED_KEY,
                "gme.callback.secret-key." + APP_B + "=" + APP_B_KEY,
                "gme.callback.max-body-bytes=" + LIMIT));
    }

    @BeforeEach
    void endpoint() {
        endpoint = URI.create(base.toString()).resolve("recording-callback");
        observations = new Observations(base);
        lastObservations = observations;
    }

    private static long nextTask() {
        return TASK_IDS.incrementAndGet();
    }

    private HttpResponse<String> postSigned(String body, String key) {
        return Http.post(endpoint, utf8(body), CallbackSigner.base64(utf8(body), key));
    }

    private static void assertAnswer(int status, String body, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(body, response.body());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
    }

    private static void assertError(int status, String message, HttpResponse<String> response) {
        assertAnswer(status, "{\"code\":" + status + ",\"message\":\"" + message + "\"}", response);
    }

    private void assertRefused(long taskId, int status, String message, HttpResponse<String> response) {
        REFUSED.add(taskId);
        assertError(status, message, response);
        assertEquals(List.of(), observations.of(taskId), "no observer sees a refused callback");
    }

    // Row 11: accepted, the right qualifier per type, async after.

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void firesEachEventTypeWithItsQualifierThenAsynchronously(int eventType) throws Exception {
        long taskId = nextTask();
        assertAnswer(200, "{\"code\":0}", postSigned(callback(taskId, eventType), KEY));

        String qualified = List.of("started", "completed", "uploaded").get(eventType - 1);
        List<String> expected = eventType == 3
                ? List.of("any", "async-any", "async-uploaded", qualified)
                : List.of("any", "async-any", qualified);
        List<String> seen = observations.await(taskId, s -> s.size() >= expected.size());
        assertEquals(expected, seen.stream().sorted().toList());
        // Synchronous observers ran before the answer; asynchronous ones after them.
        assertTrue(seen.indexOf("async-any") > seen.indexOf("any"));
        assertTrue(seen.indexOf("async-any") > seen.indexOf(qualified));
    }

    @Test
    void logsAnAcceptedCallbackOnceAtInfoWithItsFieldsAndARepeatOnlyAsDuplicate() throws Exception {
        long taskId = nextTask();
        String body = Samples.callback(Samples.BIZ_ID, taskId, 2, "logged-user").replace("\"RoomID\":\"100\"",
                "\"RoomID\":\"room-" + taskId + "\"");
        assertAnswer(200, "{\"code\":0}", postSigned(body, KEY));
        assertAnswer(200, "{\"code\":0}", postSigned(body, KEY));
        String accepted = "accepted RECORDING_COMPLETED callback: BizID=1400000000 RoomID=room-" + taskId
                + " UserID=logged-user TaskID=" + taskId + " SeqNo=0 FileName=1400000000_100_logged-user/"
                + "2023-02-09-16-16-45_" + taskId + "_audio.mp3";
        String duplicate = "duplicate RECORDING_COMPLETED callback: BizID=1400000000 RoomID=room-" + taskId
                + " UserID=logged-user TaskID=" + taskId + " SeqNo=0";
        Poll.until("both lines in the server's log", java.time.Duration.ofSeconds(10),
                () -> ServerLog.text().contains(accepted) && ServerLog.text().contains(duplicate));
        String log = ServerLog.text();
        int at = log.indexOf(accepted);
        assertTrue(log.substring(Math.max(0, at - 300), at).contains("INFO"), "at INFO");
        List<String> mentions = log.lines().filter(line -> line.contains("TaskID=" + taskId + " ")).toList();
        assertEquals(1, mentions.stream().filter(line -> line.contains("accepted")).count(), mentions.toString());
        assertEquals(1, mentions.stream().filter(line -> line.contains("duplicate")).count(), mentions.toString());
    }

    @Test
    void deliversTaskIdExactAndEveryField() throws Exception {
        long taskId = 9007199254740993L + (nextTask() % 1000) * 2; // odd, above 2^53: a double would round it
        assertAnswer(200, "{\"code\":0}", postSigned(Samples.callback(Samples.BIZ_ID, taskId, 3, "玩家"), KEY));
        assertEquals(List.of("any " + taskId + " 3 1400000000 玩家 0", "uploaded " + taskId + " 3 1400000000 玩家 0"),
                observations.of(taskId).stream().filter(l -> !l.startsWith("async")).sorted().toList());
    }

    @Test
    void acceptsTheDocumentationExampleByteForByteWithTheCurrentTimestamp() {
        String example = new String(Samples.documentationExample(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("1675930605", Long.toString(System.currentTimeMillis() / 1000));
        byte[] body = utf8(example);
        assertAnswer(200, "{\"code\":0}", Http.post(endpoint, body, CallbackSigner.hex(body, KEY)));
        assertFalse(observations.of(Samples.TASK_ID).isEmpty());
    }

    @Test
    void firesUnknownEventTypeWithoutTypeQualifier() throws Exception {
        long taskId = nextTask();
        String body = "{\"BizID\":1400000000,\"TaskID\":" + taskId + ",\"EventType\":42,\"Timestamp\":"
                + System.currentTimeMillis() / 1000 + ",\"NewField\":{\"x\":[1]}}";
        assertAnswer(200, "{\"code\":0}", postSigned(body, KEY));
        assertEquals(List.of("any", "async-any"), observations.await(taskId, s -> s.size() >= 2));
        assertEquals("any " + taskId + " 42 1400000000  -", observations.of(taskId).get(0));
    }

    @Test
    void acceptsTheSecondRotationKeyAndHex() {
        long taskId = nextTask();
        byte[] body = utf8(callback(taskId, 2));
        assertAnswer(200, "{\"code\":0}", Http.post(endpoint, body, CallbackSigner.hex(body, ROTATED_KEY)));
    }

    @Test
    void acceptsAnAppWithKeysOfItsOwnOnlyWithThoseKeys() {
        long taskId = nextTask();
        assertAnswer(200, "{\"code\":0}", postSigned(Samples.callback(APP_B, taskId, 3, "u"), APP_B_KEY));
        long refused = nextTask();
        assertRefused(refused, 401, "Signature does not match the body",
                postSigned(Samples.callback(APP_B, refused, 3, "u"), KEY));
    }

    // Row 12: a synchronous observer threw.

    @Test
    void answers500WhenASynchronousObserverThrowsAndFiresNoAsyncEvent() throws Exception {
        long taskId = nextTask();
        assertError(500, "an observer failed; the callback was not accepted",
                postSigned(Samples.callback(Samples.BIZ_ID, taskId, 3, "throw"), KEY));
        observations.afterALaterCallback(endpoint, KEY);
        assertFalse(observations.observers(taskId).stream().anyMatch(o -> o.startsWith("async")));
    }

    // Row 1: methods.

    @Test
    void servesTheEndpointUnderContextRootGme() {
        assertEquals("/gme/recording-callback", endpoint.getPath());
    }

    @Test
    void traceIsRefusedByTheServerItself() {
        // Both servers answer TRACE before any application code runs, with an empty body.
        HttpResponse<String> response = Http.send(endpoint, "TRACE");
        assertEquals(405, response.statusCode());
        assertEquals("", response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "OPTIONS", "PATCH"})
    void refusesOtherMethodsWith405AndAllow(String method) {
        HttpResponse<String> response = Http.send(endpoint, method);
        assertError(405, "only POST is allowed", response);
        assertEquals(Optional.of("POST"), response.headers().firstValue("Allow"));
    }

    @Test
    void refusesHeadWith405AndAllowWithoutBody() {
        HttpResponse<String> response = Http.send(endpoint, "HEAD");
        assertEquals(405, response.statusCode());
        assertEquals(Optional.of("POST"), response.headers().firstValue("Allow"));
        assertEquals("", response.body());
    }

    // Row 3: size.

    @Test
    void refusesDeclaredOversizedBodyWith413() {
        long taskId = nextTask();
        String body = callback(taskId, 3).replace("\"RoomID\":\"100\"", "\"RoomID\":\"" + "x".repeat(LIMIT) + "\"");
        assertRefused(taskId, 413, "the body is larger than " + LIMIT + " bytes", postSigned(body, KEY));
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        long taskId = nextTask();
        String body = callback(taskId, 3);
        body = body.replace("\"RoomID\":\"100\"", "\"RoomID\":\"" + "x".repeat(LIMIT - body.length() + 3) + "\"");
        assertEquals(LIMIT, utf8(body).length);
        assertAnswer(200, "{\"code\":0}", postSigned(body, KEY));
    }

    @Test
    void refusesOversizedBodyFromContentLengthWithoutReadingIt() throws Exception {
        long taskId = nextTask();
        REFUSED.add(taskId);
        String answer = Http.raw(base, "POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nSignature: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: " + (LIMIT + 1) + "\r\n\r\n", null);
        if (Servers.current() == Servers.WILDFLY) {
            // WildFly leaves 100 Continue to the application, which refuses first.
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        } else {
            // Payara's Grizzly answers 100 Continue itself, before any application code runs.
            assertTrue(answer.replaceFirst("^HTTP/1.1 100 Continue\r\n\r\n", "").startsWith("HTTP/1.1 413 "), answer);
        }
        assertTrue(answer.endsWith("{\"code\":413,\"message\":\"the body is larger than " + LIMIT + " bytes\"}"), answer);
    }

    @Test
    void cutsOffAChunkedBodyAtTheLimit() throws Exception {
        long taskId = nextTask();
        REFUSED.add(taskId);
        byte[] body = utf8(callback(taskId, 3).replace("\"RoomID\":\"100\"",
                "\"RoomID\":\"" + "x".repeat(2 * LIMIT) + "\""));
        StringBuilder chunked = new StringBuilder();
        for (int at = 0; at < body.length; at += 1000) {
            int n = Math.min(1000, body.length - at);
            chunked.append(Integer.toHexString(n)).append("\r\n")
                    .append(new String(body, at, n, java.nio.charset.StandardCharsets.ISO_8859_1)).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        String answer = Http.raw(base, "POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nSignature: " + CallbackSigner.base64(body, KEY) + "\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunked, null);
        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertTrue(answer.endsWith("{\"code\":413,\"message\":\"the body is larger than " + LIMIT + " bytes\"}"), answer);
        assertEquals(List.of(), observations.of(taskId));
    }

    @Test
    void acceptsASmallChunkedBody() throws Exception {
        long taskId = nextTask();
        byte[] body = utf8(callback(taskId, 1));
        String answer = Http.raw(base, "POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nContent-Type: application/json\r\nSignature: "
                + CallbackSigner.base64(body, KEY) + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length) + "\r\n"
                + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n", null);
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        assertTrue(answer.endsWith("{\"code\":0}"), answer);
    }

    // Row 4: signature.

    @Test
    void answersAnUnsignedBodyCutOffInsideAnArrayAtOnce() {
        // The claimed BizID is read before the signature; a cut-off body must not hold the thread.
        for (String body : new String[] {"{\"a\":[", "{\"a\":{\"b\":"}) {
            assertError(401, "no Signature header", Http.post(endpoint, utf8(body), null));
            assertError(401, "Signature is not an HMAC-SHA1 in base64 or hex", Http.post(endpoint, utf8(body), "x"));
        }
    }

    @Test
    void refusesMissingSignatureWith401() {
        long taskId = nextTask();
        assertRefused(taskId, 401, "no Signature header", Http.post(endpoint, utf8(callback(taskId, 3)), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "AAAAAAAAAAAAAAAAAAAAAAAAAA==", "sha1=0123"})
    void refusesMalformedSignatureWith401(String signature) {
        long taskId = nextTask();
        assertRefused(taskId, 401, "Signature is not an HMAC-SHA1 in base64 or hex",
                Http.post(endpoint, utf8(callback(taskId, 3)), signature));
    }

    @Test
    void refusesBodyWithOneByteChangedWith401() {
        long taskId = nextTask();
        byte[] body = utf8(callback(taskId, 3));
        String signature = CallbackSigner.base64(body, KEY);
        body[body.length - 3] ^= 1;
        assertRefused(taskId, 401, "Signature does not match the body", Http.post(endpoint, body, signature));
    }

    @Test
    void refusesBodySignedWithAnotherKeyWith401() {
        long taskId = nextTask();
        assertRefused(taskId, 401, "Signature does not match the body", postSigned(callback(taskId, 3), "wrong-key"));
    }

    @Test
    void refusesBodySignedWithAppAsKeyClaimingAppBWith401() {
        long taskId = nextTask();
        // Signed with the default keys' holder, but claims app B, which has a key of its own.
        assertRefused(taskId, 401, "Signature does not match the body",
                postSigned(Samples.callback(APP_B, taskId, 3, "999"), KEY));
    }

    // Row 5: body.

    @Test
    void refusesInvalidJsonWith400() {
        long taskId = nextTask();
        REFUSED.add(taskId);
        HttpResponse<String> response = postSigned(callback(taskId, 3).replace("\"RoomID\":", "\"RoomID\" "), KEY);
        assertEquals(400, response.statusCode());
        assertTrue(response.body().matches(
                "\\{\"code\":400,\"message\":\"the body is not valid JSON \\(line 1, column [0-9]+\\)\"}"),
                response.body());
        assertEquals(List.of(), observations.of(taskId));
    }

    @Test
    void refusesInvalidUtf8With400() {
        long taskId = nextTask();
        byte[] body = utf8(callback(taskId, 3).replace("\"100\"", "\"1?0\""));
        body[body.length / 5] = (byte) 0xFF;
        assertRefused(taskId, 400, "the body is not valid UTF-8",
                Http.post(endpoint, body, CallbackSigner.base64(body, KEY)));
    }

    @Test
    void refusesRepeatedTopLevelMemberWith400() {
        long taskId = nextTask();
        String body = callback(taskId, 3).replace("\"TaskID\"", "\"EventType\":3,\"TaskID\"");
        assertRefused(taskId, 400, "EventType appears more than once", postSigned(body, KEY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BizID", "TaskID", "EventType", "Timestamp", "RecordMode", "UserID", "Detail"})
    void refusesMissingRequiredFieldWith400(String field) {
        long taskId = nextTask();
        String body = callback(taskId, 3).replaceFirst("\"" + field + "\":(\\{[^}]*}|\"[^\"]*\"|[0-9]+),?", "")
                .replace(",}", "}");
        assertRefused(taskId, 400, field + " is missing", postSigned(body, KEY));
    }

    @Test
    void refusesTaskIdAsStringFractionExponentAndOverflowWith400() {
        for (String taskId : new String[] {"\"446946705284000000\"", "4.0", "4e17", "9223372036854775808"}) {
            long marker = nextTask();
            String body = callback(marker, 3).replace("\"TaskID\":" + marker, "\"TaskID\":" + taskId)
                    .replace("\"RoomID\":\"100\"", "\"RoomID\":\"" + marker + "\"");
            HttpResponse<String> response = postSigned(body, KEY);
            assertError(400, taskId.startsWith("92") ? "TaskID is out of range" : "TaskID must be an integer", response);
        }
    }

    @AfterAll
    static void noObserverEverSawARefusedCallback() {
        if (lastObservations == null) {
            return;
        }
        for (long taskId : REFUSED) {
            assertEquals(List.of(), lastObservations.of(taskId), "TaskID " + taskId + " was refused");
        }
    }
}
