package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.function.Predicate;

/** Reads what the deployed test observers saw, and waits for asynchronous ones by polling. */
public final class Observations {

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
        var response = Http.get(uri);
        assertEquals(200, response.statusCode(), "observations");
        return response.body().lines().filter(line -> line.startsWith("rejected ") && line.split(" ")[2].equals(reason))
                .count();
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
}
