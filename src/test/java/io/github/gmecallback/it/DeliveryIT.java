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

    /** Sends a callback whose Timestamp is offset from now, at the start of a second, so no tick intervenes. */
    private HttpResponse<String> postWithTimestampOffset(long taskId, long offsetSeconds) throws InterruptedException {
        while (System.currentTimeMillis() % 1000 > 100) {
            Thread.sleep(5);
        }
        long now = System.currentTimeMillis() / 1000;
        String body = Samples.callback(taskId, 3).replaceFirst("\"Timestamp\":[0-9]+", "\"Timestamp\":" + (now + offsetSeconds));
        return post(body);
    }

    @Test
    void acceptsATimestampExactlyAtEachBoundOfTheWindow() throws Exception {
        assertEquals(200, postWithTimestampOffset(nextTask(), -86_400).statusCode());
        assertEquals(200, postWithTimestampOffset(nextTask(), 300).statusCode());
    }

    @Test
    void refusesATimestampOneSecondPastEachBound() throws Exception {
        long old = nextTask();
        HttpResponse<String> tooOld = postWithTimestampOffset(old, -86_401);
        assertEquals("{\"code\":401,\"message\":\"Timestamp is older than 86400 seconds (gme.callback.max-age)\"}",
                tooOld.body());
        long future = nextTask();
        HttpResponse<String> inFuture = postWithTimestampOffset(future, 301);
        assertEquals("{\"code\":401,\"message\":\"Timestamp is more than 300 seconds in the future "
                + "(gme.callback.max-clock-skew)\"}", inFuture.body());
        Thread.sleep(300);
        assertEquals(List.of(), observations.of(old));
        assertEquals(List.of(), observations.of(future));
    }

    @Test
    void firesCallbackRejectedWithReasonStatusAndClaimedBizId() throws Exception {
        long claimed = 1_500_000_000L + nextTask() % 1_000_000;
        byte[] body = utf8(Samples.callback(claimed, nextTask(), 3, "u"));
        assertEquals(401, Http.post(endpoint, body, CallbackSigner.base64(body, "wrong-key")).statusCode());
        assertEquals(List.of("rejected"), observations.await(claimed, seen -> !seen.isEmpty()));
        assertEquals("rejected " + claimed + " SIGNATURE_MISMATCH 401", observations.of(claimed).get(0));
    }
}
