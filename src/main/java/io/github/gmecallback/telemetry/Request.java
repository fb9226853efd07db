package io.github.gmecallback.telemetry;

import io.github.gmecallback.recording.RecordingEventType;
import io.github.gmecallback.recording.RefusalReason;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request measured: the one object per request that telemetry allocates (with its span, where
 * the server traces). Ended once; a second ending changes nothing, and a failure of the
 * server's metrics or tracing is logged, never thrown into the answer.
 */
final class Request implements RequestTelemetry {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;
    private static final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS - 1);

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
    public void verified() {
        try {
            span.verified();
        } catch (RuntimeException e) {
            failed("starting a callback request's span", e);
        }
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
        try {
            metrics.request(outcome, reason, type, System.nanoTime() - started);
            span.ended(outcome, reason, status);
        } catch (RuntimeException e) {
            failed("recording a callback request", e);
        }
    }

    /** A failure of the server's metrics or tracing: logged at WARNING, at most once a minute. */
    static void failed(String what, RuntimeException e) {
        long now = System.nanoTime();
        long last = lastWarned.get();
        if (now - last > WARNING_INTERVAL_NANOS && lastWarned.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "telemetry: " + what + " failed; the receiver goes on (said at most once a minute)",
                    e);
        }
    }
}
