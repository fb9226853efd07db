package io.github.gmecallback.telemetry;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.Executor;

/**
 * The receiver's telemetry, one per application, chosen by {@link Telemetries#select()}.
 */
public interface Telemetry {

    /** No telemetry: every call returns a shared object that does nothing. */
    Telemetry NONE = new ServerTelemetry(Metrics.NONE, Tracing.NONE);

    /**
     * Starts a callback request's clock, and its span where the server traces: the server's own
     * where it made one; else the receiver's, a child of the request's W3C {@code traceparent}
     * once {@link RequestTelemetry#verified()} says the signature held, a root linked to it if not.
     *
     * @param request the request, as the filter takes it
     * @return its telemetry, {@link RequestTelemetry#NONE} where nothing is measured
     */
    RequestTelemetry request(HttpServletRequest request);

    /**
     * Starts the span of an {@code inbox} dispatch, linked to the accepting request's span.
     *
     * @param traceparent the accepting request's, as journaled; or {@code null}
     * @param entryId     the journal entry dispatched
     * @param taskId      its TaskID
     * @param eventType   its EventType
     * @return the span, {@link TraceSpan#NONE} where nothing traces
     */
    TraceSpan dispatch(String traceparent, long entryId, long taskId, int eventType);

    /** Counts an {@code inbox} entry given up on ({@code gme.callback.inbox.dead}). */
    void deadLettered();

    /**
     * The executor asynchronous observers run on, carrying the span current where an event is
     * fired into the observer's thread.
     *
     * @param executor the server's managed executor
     * @return it, wrapped where the server traces
     */
    Executor propagating(Executor executor);

    /**
     * Registers the gauges over the figures the sweeps refresh.
     *
     * @param figures the application's figures
     */
    void watch(Figures figures);

    /** Removes the gauges, as the application stops. */
    void close();

    /** What reports the metrics and the traces, in words for the start-up log line. */
    String description();
}
