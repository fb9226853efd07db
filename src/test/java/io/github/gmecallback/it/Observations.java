package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** Reads what the deployed test observers saw, and waits for asynchronous ones by polling. */
public final class Observations {

    private static final AtomicLong LATER = new AtomicLong(Samples.TASK_ID + 99_000_000 + System.nanoTime() % 1_000_000 * 10);

    private final URI uri;

    public Observations(URL base) {
        this.uri = URI.create(base.toString()).resolve("test/observations");
    }

    /** Lines of observers that saw this TaskID, as {@code <observer> <TaskID> <EventType> ...}. */
    public List<String> of(long taskId) {
        var response = Http.get(uri);
        assertEquals(200, response.statusCode(), "observations");
        return response.body().lines().filter(line -> line.split(" ")[1].equals(Long.toString(taskId))).toList();
    }

    /** How many {@code CallbackRejected} events of this reason (its enum name) were observed. */
    public long rejected(String reason) {
        return rejectedLines().stream().filter(line -> line.split(" ")[2].equals(reason)).count();
    }

    /**
     * The {@code CallbackRejected} events observed, as
     * {@code rejected <claimed BizID or -> <reason> <status> <remote address>}.
     */
    public List<String> rejectedLines() {
        var response = Http.get(uri);
        assertEquals(200, response.statusCode(), "observations");
        return response.body().lines().filter(line -> line.startsWith("rejected ")).toList();
    }

    /** The observer names that saw this TaskID, in order. */
    public List<String> observers(long taskId) {
        return of(taskId).stream().map(line -> line.split(" ")[0]).toList();
    }

    /** Polls until the condition holds on this TaskID's observers, for at most 10 s. */
    public List<String> await(long taskId, Predicate<List<String>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> seen = observers(taskId);
        while (!condition.test(seen) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = observers(taskId);
        }
        return seen;
    }

    /**
     * The signal before a negative check ("nothing reached an observer"): a later callback, sent
     * now, reached its asynchronous observer, so the events of what was sent before had their
     * turn on the same executor.
     *
     * @param endpoint the receiver's endpoint in the deployment of these observations
     * @param key      a key it accepts
     * @return the later callback's TaskID
     */
    public long afterALaterCallback(URI endpoint, String key) throws InterruptedException {
        long taskId = LATER.incrementAndGet();
        byte[] body = Samples.utf8(Samples.callback(taskId, 3));
        assertEquals(200, Http.post(endpoint, body, CallbackSigner.base64(body, key)).statusCode(), "the later callback");
        List<String> seen = await(taskId, observers -> observers.contains("async-any"));
        if (!seen.contains("async-any")) {
            throw new AssertionError("the later callback " + taskId + " reached no asynchronous observer: " + seen);
        }
        return taskId;
    }
}
