package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.observers.JournalServlet;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.URL;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The journal in {@code sync} mode, read through {@code CallbackJournal} by an application's own
 * servlet: each callback is journaled with its exact bytes and its outcome; refusals are counted
 * without their bodies; a replay reaches the observers again and is journaled as one. Run with
 * each store by a subclass.
 */
@ArquillianTest
abstract class JournalSemantics {

    static final String KEY = Secrets.key("journal-secret-key");
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 90_000_000 + System.nanoTime() % 1_000_000 * 100);

    @ArquillianResource
    URL base;

    /** Our WAR's layout with the observers, the journal servlet and these extra settings. */
    static WebArchive receiver(String name, String... settings) {
        return Deployments.receiverWithObservers(name, String.join("\n", "gme.callback.secret-key=" + KEY)
                        + "\n" + String.join("\n", settings))
                .addClass(JournalServlet.class);
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    private int post(byte[] body) {
        return Http.post(uri("recording-callback"), body, CallbackSigner.base64(body, KEY)).statusCode();
    }

    private List<String[]> journal(long taskId) {
        return Http.get(uri("test/journal/?taskId=" + taskId)).body().lines().map(line -> line.split(" ", 6)).toList();
    }

    @Test
    void aCallbackIsJournaledWithItsExactBytesAndItsRepeatsCountedOnItsEntry() {
        long taskId = TASKS.incrementAndGet();
        // Spacing and member order as a sender may write them: the journal keeps the bytes as signed.
        byte[] body = Samples.utf8(" " + Samples.callback(taskId, 3).replace(",", " ,") + "\n");
        assertEquals(200, post(body));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, post(body), "a repeat (a storm of one captured callback)");
        }
        List<String[]> entries = journal(taskId);
        assertEquals(1, entries.size(), "one entry: the repeats are counted on it, not stored again");
        assertEquals("PROCESSED", entries.get(0)[1]);
        assertEquals("1", entries.get(0)[2], "no observer called for the repeats");
        assertEquals("false", entries.get(0)[3]);
        assertEquals(Base64.getEncoder().encodeToString(body), entries.get(0)[4], "the exact bytes");
        assertEquals(List.of(entries.get(0)[0] + " 5"),
                Http.get(uri("test/journal/repeats?taskId=" + taskId)).body().lines().toList());
    }

    @Test
    void aFailedCallbackIsJournaledWithItsErrorAndItsRetryAsProcessed() {
        long taskId = TASKS.incrementAndGet();
        byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, "fail-once"));
        assertEquals(500, post(body));
        assertEquals(200, post(body));
        List<String[]> entries = journal(taskId);
        assertEquals("PROCESSED", entries.get(0)[1]);
        assertEquals("FAILED", entries.get(1)[1]);
        assertEquals("java.lang.IllegalStateException: test observer fails the first time", entries.get(1)[5]);
    }

    @Test
    void refusalsAreCountedWithoutTheirBodies() {
        String before = Http.get(uri("test/journal/counters")).body();
        long taskId = TASKS.incrementAndGet();
        byte[] body = Samples.utf8(Samples.callback(taskId, 3));
        Http.post(uri("recording-callback"), body, CallbackSigner.base64(body, "not-the-key"));
        String after = Http.get(uri("test/journal/counters")).body();
        assertEquals(count(before, "signature-mismatch") + 1, count(after, "signature-mismatch"));
        assertEquals(List.of(), journal(taskId), "a refusal is no journal entry");
        String newest = after.lines().filter(line -> line.startsWith("newest ")).findFirst().orElseThrow();
        assertTrue(newest.contains("SIGNATURE_MISMATCH") && newest.contains("claimedBizId=OptionalLong[" + Samples.BIZ_ID),
                newest);
        assertFalse(after.contains(Long.toString(taskId)), "nothing of the refused body is kept");
    }

    @Test
    void aSignedBodyThatDoesNotBindKeepsTheMembersThatCouldBeRead() {
        String before = Http.get(uri("test/journal/counters")).body();
        long taskId = TASKS.incrementAndGet();
        // Signed correctly, but RecordMode is a string: refused, and recorded as far as readable.
        byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 2, "reader")
                .replace("\"RecordMode\":1", "\"RecordMode\":\"one\""));
        assertEquals(400, post(body));
        String after = Http.get(uri("test/journal/counters")).body();
        assertEquals(count(before, "malformed-body") + 1, count(after, "malformed-body"));
        String newest = after.lines().filter(line -> line.startsWith("newest ")).findFirst().orElseThrow();
        assertTrue(newest.contains("MALFORMED_BODY") && newest.contains("taskId=OptionalLong[" + taskId + "]")
                && newest.contains("userId=reader") && newest.contains("eventType=2"), newest);
        assertEquals(List.of(), journal(taskId), "a refusal is no journal entry");
    }

    @Test
    void aReplayReachesTheObserversAgainAndIsJournaledAsOne() throws Exception {
        long taskId = TASKS.incrementAndGet();
        byte[] body = Samples.utf8(Samples.callback(taskId, 3));
        assertEquals(200, post(body));
        Observations observations = new Observations(base);
        observations.await(taskId, seen -> seen.contains("async-any"));
        String id = journal(taskId).get(0)[0];
        String replay = Http.send(uri("test/journal/replay?id=" + id), "POST").body();
        assertTrue(replay.matches("[0-9]+ PROCESSED 1 true " + Base64.getEncoder().encodeToString(body) + " null\n"), replay);
        List<String> seen = observations.await(taskId, s -> s.stream().filter("async-any"::equals).count() == 2);
        assertEquals(2, seen.stream().filter("any"::equals).count(), "the synchronous observer, once more");
        assertEquals(2, seen.stream().filter("async-any"::equals).count(), "the asynchronous one too");
        assertEquals(2, journal(taskId).size());
    }

    private static long count(String counters, String reason) {
        return counters.lines().filter(line -> line.startsWith("refused " + reason + " "))
                .mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
