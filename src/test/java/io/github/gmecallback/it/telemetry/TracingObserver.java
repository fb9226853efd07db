package io.github.gmecallback.it.telemetry;

import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.UploadCompleted;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * An observer that does what a user's observer with its own instrumentation does: a span of its
 * own around its work, started from the span current where it runs (the request's in
 * {@code sync} delivery, the dispatch's in {@code inbox}).
 */
@ApplicationScoped
public class TracingObserver {

    /** The name of the observer's span. */
    public static final String SPAN = "test observer stores the recording";

    @Inject
    Tracer tracer;

    void onUpload(@Observes @UploadCompleted RecordingCallback callback) {
        Span span = tracer.spanBuilder(SPAN).setAttribute("test.task_id", callback.taskId()).startSpan();
        span.end();
    }
}
