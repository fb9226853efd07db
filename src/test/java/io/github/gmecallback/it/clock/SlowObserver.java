package io.github.gmecallback.it.clock;

import io.github.gmecallback.recording.RecordingCallback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** An observer slower than the two servers' clocks differ: {@value #MILLIS} ms for UserID {@code slow}. */
@ApplicationScoped
public class SlowObserver {

    /** How long it takes. */
    public static final long MILLIS = 25_000;

    void slow(@Observes RecordingCallback callback) throws InterruptedException {
        if ("slow".equals(callback.userId())) {
            Thread.sleep(MILLIS);
        }
    }
}
