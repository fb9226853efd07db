package io.github.gmecallback.it.ear;

import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingCompleted;
import io.github.gmecallback.recording.RecordingStarted;
import io.github.gmecallback.recording.UploadCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/** Observers in a jar of the EAR's lib/. */
@ApplicationScoped
public class LibObservers {

    void started(@Observes @RecordingStarted RecordingCallback callback) {
        EarObservations.note("lib-started", callback);
    }

    void completed(@Observes @RecordingCompleted RecordingCallback callback) {
        EarObservations.note("lib-completed", callback);
    }

    void uploaded(@Observes @UploadCompleted RecordingCallback callback) {
        EarObservations.note("lib-uploaded", callback);
    }

    void uploadedLater(@ObservesAsync @UploadCompleted RecordingCallback callback) {
        EarObservations.note("lib-async-uploaded", callback);
    }
}
