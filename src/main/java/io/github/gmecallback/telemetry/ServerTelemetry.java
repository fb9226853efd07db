package io.github.gmecallback.telemetry;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.Executor;

/** {@link Telemetry} over a {@link Metrics} and a {@link Tracing}, either of which may be none. */
final class ServerTelemetry implements Telemetry {

    private final Metrics metrics;
    private final Tracing tracing;
    private final boolean none;

    ServerTelemetry(Metrics metrics, Tracing tracing) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.none = metrics == Metrics.NONE && tracing == Tracing.NONE;
    }

    @Override
    public RequestTelemetry request(HttpServletRequest request) {
        if (none) {
            return RequestTelemetry.NONE;
        }
        try {
            return new Request(metrics, tracing.request(request), System.nanoTime());
        } catch (RuntimeException e) {
            Request.failed("starting a callback request's span", e);
            return RequestTelemetry.NONE;
        }
    }

    @Override
    public TraceSpan dispatch(String traceparent, long entryId, long taskId, int eventType) {
        try {
            return tracing.dispatch(traceparent, entryId, taskId, eventType);
        } catch (RuntimeException e) {
            Request.failed("starting an inbox dispatch's span", e);
            return TraceSpan.NONE;
        }
    }

    @Override
    public void deadLettered() {
        try {
            metrics.dead();
        } catch (RuntimeException e) {
            Request.failed("counting a dead inbox entry", e);
        }
    }

    @Override
    public Executor propagating(Executor executor) {
        return executor == null ? null : tracing.propagating(executor);
    }

    @Override
    public void watch(Figures figures) {
        if (metrics != Metrics.NONE) {
            metrics.watch(figures);
            figures.watch();
        }
    }

    @Override
    public void close() {
        metrics.close();
    }

    @Override
    public String description() {
        return none ? "no telemetry: the server provides neither MicroProfile Metrics nor an OpenTelemetry "
                + "this application turned on (otel.sdk.disabled=false)" : "metrics through " + metrics + ", traces through " + tracing;
    }
}
