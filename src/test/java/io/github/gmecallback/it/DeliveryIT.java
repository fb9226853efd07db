package io.github.gmecallback.it;

import static io.github.gmecallback.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Delivery semantics with the default {@code memory} store and the default replay window, and
 * the {@code CallbackRejected} event.
 */
class DeliveryIT extends DeliverySemantics {

    @Deployment(testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme-delivery.war", "gme.callback.secret-key=" + KEY);
    }

    private record Sent(long taskId, HttpResponse<String> response) {
    }

    /**
     * The answer to a callback whose Timestamp is offset from now, from a request that began and
     * ended within one second of the test's clock (the server's, on this machine): only then does
     * the offset stand exactly as sent. A request that straddled a tick is sent again, with a
     * new TaskID, however slow the machine.
     */
    private Sent postWithTimestampOffset(long offsetSeconds) {
        for (int tries = 0; tries < 20; tries++) {
            long second = System.currentTimeMillis() / 1000;
            long taskId = nextTask();
            String body = Samples.callback(taskId, 3)
                    .replaceFirst("\"Timestamp\":[0-9]+", "\"Timestamp\":" + (second + offsetSeconds));
            HttpResponse<String> response = post(body);
            if (System.currentTimeMillis() / 1000 == second) {
                return new Sent(taskId, response);
            }
        }
        throw new AssertionError("no request of 20 fitted within one second");
    }

    @Test
    void acceptsATimestampExactlyAtEachBoundOfTheWindow() {
        assertEquals(200, postWithTimestampOffset(-86_400).response().statusCode());
        assertEquals(200, postWithTimestampOffset(300).response().statusCode());
    }

    @Test
    void refusesATimestampOneSecondPastEachBound() throws Exception {
        Sent tooOld = postWithTimestampOffset(-86_401);
        assertEquals("{\"code\":401,\"message\":\"Timestamp is older than 86400 seconds (gme.callback.max-age)\"}",
                tooOld.response().body());
        Sent inFuture = postWithTimestampOffset(301);
        assertEquals("{\"code\":401,\"message\":\"Timestamp is more than 300 seconds in the future "
                + "(gme.callback.max-clock-skew)\"}", inFuture.response().body());
        observations.afterALaterCallback(endpoint, KEY);
        assertEquals(List.of(), observations.of(tooOld.taskId()));
        assertEquals(List.of(), observations.of(inFuture.taskId()));
    }

    @Test
    void firesCallbackRejectedWithReasonStatusRemoteAddressAndClaimedBizId() throws Exception {
        long claimed = 1_500_000_000L + nextTask() % 1_000_000;
        byte[] body = utf8(Samples.callback(claimed, nextTask(), 3, "u"));
        assertEquals(401, Http.post(endpoint, body, CallbackSigner.base64(body, "wrong-key")).statusCode());
        assertEquals(List.of("rejected"), observations.await(claimed, seen -> !seen.isEmpty()));
        assertEquals("rejected " + claimed + " SIGNATURE_MISMATCH 401 127.0.0.1", observations.of(claimed).get(0));
    }

    @Test
    void firesOneCallbackRejectedPerRefusalWithNoClaimedBizIdWhereTheBodyHasNone() throws Exception {
        String none = "rejected - SIGNATURE_MISSING 401 127.0.0.1";
        long before = observations.rejectedLines().stream().filter(none::equals).count();
        for (String body : List.of("{\"RoomID\":\"100\",\"TaskID\":1}", "not json", "{\"BizID\":\"1400000000\"}")) {
            assertEquals(401, Http.post(endpoint, utf8(body), null).statusCode(), body);
        }
        Poll.until("three CallbackRejected events", java.time.Duration.ofSeconds(10),
                () -> observations.rejectedLines().stream().filter(none::equals).count() >= before + 3);
        observations.afterALaterCallback(endpoint, KEY);
        assertEquals(before + 3, observations.rejectedLines().stream().filter(none::equals).count(),
                "one event per refusal, no claimed BizID where the body holds no integer BizID");
    }
}
