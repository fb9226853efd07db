package io.github.gmecallback.it.ear;

import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.UploadCompleted;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/** Observers on a session bean in the EAR's EJB module (public: business methods). */
@Singleton
public class EjbObservers {

    public void uploaded(@Observes @UploadCompleted RecordingCallback callback) {
        EarObservations.note("ejb-uploaded", callback);
    }

    public void any(@Observes RecordingCallback callback) {
        EarObservations.note("ejb-any", callback);
    }

    public void anyLater(@ObservesAsync RecordingCallback callback) {
        EarObservations.note("ejb-async-any", callback);
    }
}
