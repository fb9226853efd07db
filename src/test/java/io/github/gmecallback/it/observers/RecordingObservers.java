package io.github.gmecallback.it.observers;

import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingCompleted;
import io.github.gmecallback.recording.RecordingStarted;
import io.github.gmecallback.recording.UploadCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test observers, deployed with the receiver: each notes what it saw as
 * {@code <observer> <TaskID> <EventType> <BizID> <UserID> <SeqNo>}. A callback whose UserID is
 * {@code throw} makes the unqualified synchronous observer throw.
 */
@ApplicationScoped
public class RecordingObservers {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    void started(@Observes @RecordingStarted RecordingCallback callback) {
        note("started", callback);
    }

    void completed(@Observes @RecordingCompleted RecordingCallback callback) {
        note("completed", callback);
    }

    void uploaded(@Observes @UploadCompleted RecordingCallback callback) {
        note("uploaded", callback);
    }

    void any(@Observes RecordingCallback callback) {
        note("any", callback);
        if ("throw".equals(callback.userId())) {
            throw new IllegalStateException("test observer fails on purpose");
        }
    }

    void uploadedLater(@ObservesAsync @UploadCompleted RecordingCallback callback) {
        note("async-uploaded", callback);
    }

    void anyLater(@ObservesAsync RecordingCallback callback) {
        note("async-any", callback);
    }

    private void note(String observer, RecordingCallback callback) {
        seen.add(observer + " " + callback.taskId() + " " + callback.eventType() + " " + callback.bizId()
                + " " + callback.userId() + " " + (callback.detail() == null ? "-" : callback.detail().seqNo()));
    }

    /** What the observers saw, oldest first. */
    public List<String> seen() {
        return List.copyOf(seen);
    }
}
