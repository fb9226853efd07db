package io.github.gmecallback.it.inbox;

import io.github.gmecallback.recording.CallbackDeadLettered;
import io.github.gmecallback.recording.RecordingCallback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test observers of the inbox deployments. A callback with UserID {@code gate} holds its
 * synchronous observer until the test opens the gate (at most 60 s), so a test can see the answer
 * arrive before the observer ends; one with UserID {@code broken-until-mended} throws until the
 * test mends it; one with UserID {@code slow-<ms>} takes that long, noted as
 * {@code slow-start <TaskID> <epoch ms>} and {@code slow-end <TaskID> <epoch ms>}. Dead letters are noted as
 * {@code dead <entry id> <TaskID> <attempts> <last error>}; a gated observer as
 * {@code gate-entered <TaskID>} and {@code gate-left <TaskID>}.
 */
@ApplicationScoped
public class InboxObservers {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(1);
    private volatile boolean mended;

    void gated(@Observes RecordingCallback callback) throws InterruptedException {
        if ("gate".equals(callback.userId())) {
            seen.add("gate-entered " + callback.taskId());
            gate.await(60, TimeUnit.SECONDS);
            seen.add("gate-left " + callback.taskId());
        }
    }

    void slow(@Observes RecordingCallback callback) throws InterruptedException {
        if (callback.userId().startsWith("slow-")) {
            seen.add("slow-start " + callback.taskId() + " " + System.currentTimeMillis());
            Thread.sleep(Long.parseLong(callback.userId().substring("slow-".length())));
            seen.add("slow-end " + callback.taskId() + " " + System.currentTimeMillis());
        }
    }

    void brokenUntilMended(@Observes RecordingCallback callback) {
        if ("broken-until-mended".equals(callback.userId()) && !mended) {
            throw new IllegalStateException("test observer is broken until mended");
        }
    }

    void dead(@ObservesAsync CallbackDeadLettered dead) {
        seen.add("dead " + dead.entryId() + " " + dead.callback().taskId() + " " + dead.attempts() + " "
                + dead.lastError());
    }

    /** Lets every gated observer go on, and the next ones too. */
    public void open() {
        gate.countDown();
    }

    /** Mends the observer of {@code broken-until-mended}: from now on it returns. */
    public void mend() {
        mended = true;
    }

    /** What was noted, oldest first. */
    public List<String> seen() {
        return List.copyOf(seen);
    }
}
