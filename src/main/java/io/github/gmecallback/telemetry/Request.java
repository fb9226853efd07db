package io.github.gmecallback.telemetry;

import io.github.gmecallback.recording.RecordingEventType;
import io.github.gmecallback.recording.RefusalReason;
import java.util.OptionalLong;

/**
 * A request measured: the one object per request that telemetry allocates (with its span, where
 * the server traces). Ended once; a second ending changes nothing.
 */
final class Request implements RequestTelemetry {

    private final Metrics metrics;
    private final Tracing.RequestSpan span;
    private final long started;
    private RecordingEventType type;
    private boolean ended;

    Request(Metrics metrics, Tracing.RequestSpan span, long started) {
        this.metrics = metrics;
        this.span = span;
        this.started = started;
    }

    @Override
    public void callback(long bizId, long taskId, int eventType) {
        type = RecordingEventType.of(eventType);
        span.callback(bizId, taskId, eventType);
    }

    @Override
    public Activation activate() {
        return span.activate();
    }

    @Override
    public String traceparent() {
        return span.traceparent();
    }

    @Override
    public void answered(RequestOutcome outcome, int status) {
        end(outcome, null, status);
    }

    @Override
    public void refused(RefusalReason reason, OptionalLong bizId, OptionalLong taskId, Integer eventType) {
        if (eventType != null) {
            type = RecordingEventType.of(eventType);
        }
        if (taskId.isPresent() && eventType != null) {
            span.callback(bizId.orElse(0), taskId.getAsLong(), eventType);
        } else if (bizId.isPresent()) {
            span.claimed(bizId.getAsLong());
        }
        end(RequestOutcome.REFUSED, reason, reason.status());
    }

    private void end(RequestOutcome outcome, RefusalReason reason, int status) {
        if (ended) {
            return;
        }
        ended = true;
        metrics.request(outcome, reason, type, System.nanoTime() - started);
        span.ended(outcome, reason, status);
    }
}
