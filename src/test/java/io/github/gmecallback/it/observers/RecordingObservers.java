package io.github.gmecallback.it.observers;

import io.github.gmecallback.recording.CallbackRejected;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingCompleted;
import io.github.gmecallback.recording.RecordingStarted;
import io.github.gmecallback.recording.UploadCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test observers, deployed with the receiver: each notes what it saw as
 * {@code <observer> <TaskID> <EventType> <BizID> <UserID> <SeqNo>}. The UserID steers the
 * unqualified synchronous observer: {@code throw} always throws; {@code fail-once} throws the
 * first time it sees a TaskID; {@code slow} takes a second; {@code slower-than-the-wait}
 * takes 8 s, twice what a repeat waits for the first copy; {@code slow-fail-once} takes a
 * second and a half and throws, the first time; {@code fail-3-times} throws the first three
 * times it sees a TaskID.
 */
@ApplicationScoped
public class RecordingObservers {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
    private final Map<Long, Integer> failures = new ConcurrentHashMap<>();

    void started(@Observes @RecordingStarted RecordingCallback callback) {
        note("started", callback);
    }

    void completed(@Observes @RecordingCompleted RecordingCallback callback) {
        note("completed", callback);
    }

    void uploaded(@Observes @UploadCompleted RecordingCallback callback) {
        note("uploaded", callback);
    }

    void any(@Observes RecordingCallback callback) throws InterruptedException {
        note("any", callback);
        boolean first = failedOnce.add(callback.taskId());
        switch (callback.userId()) {
            case "throw" -> throw new IllegalStateException("test observer fails on purpose");
            case "fail-once" -> {
                if (first) {
                    throw new IllegalStateException("test observer fails the first time");
                }
            }
            case "fail-3-times" -> {
                if (failures.merge(callback.taskId(), 1, Integer::sum) <= 3) {
                    throw new IllegalStateException("test observer fails the first three times");
                }
            }
            case "slow" -> Thread.sleep(1000);
            case "slower-than-the-wait" -> Thread.sleep(8000);
            case "slow-fail-once" -> {
                if (first) {
                    Thread.sleep(1500);
                    throw new IllegalStateException("test observer fails slowly the first time");
                }
            }
            default -> {
            }
        }
    }

    void uploadedLater(@ObservesAsync @UploadCompleted RecordingCallback callback) {
        note("async-uploaded", callback);
    }

    void anyLater(@ObservesAsync RecordingCallback callback) {
        note("async-any", callback);
    }

    /** Noted as {@code rejected <claimed BizID or -> <reason> <status> <remote address>}. */
    void rejected(@ObservesAsync CallbackRejected rejected) {
        seen.add("rejected " + (rejected.claimedBizId().isPresent() ? rejected.claimedBizId().getAsLong() : "-")
                + " " + rejected.reason() + " " + rejected.status() + " " + rejected.remoteAddress());
    }

    void note(String observer, RecordingCallback callback) {
        seen.add(observer + " " + callback.taskId() + " " + callback.eventType() + " " + callback.bizId()
                + " " + callback.userId() + " " + (callback.detail() == null ? "-" : callback.detail().seqNo()));
    }

    /** Forgets everything seen. */
    public void forget() {
        seen.clear();
        failedOnce.clear();
        failures.clear();
    }

    /** What the observers saw, oldest first. */
    public List<String> seen() {
        return List.copyOf(seen);
    }
}
