package io.github.gmecallback.bench;

import io.github.gmecallback.recording.RecordingCallback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/**
 * A synchronous and an asynchronous observer that do nothing, so that the benchmark pays for
 * firing both events as a real application does.
 */
@ApplicationScoped
public class NoOpObservers {

    void onCallback(@Observes RecordingCallback callback) {
        // the cost measured is the receiver's, not an observer's
    }

    void afterCallback(@ObservesAsync RecordingCallback callback) {
        // likewise
    }
}
