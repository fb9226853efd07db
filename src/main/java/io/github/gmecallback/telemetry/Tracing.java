package io.github.gmecallback.telemetry;

import io.github.gmecallback.recording.RefusalReason;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.Executor;

/** Where the receiver's spans go: OpenTelemetry, or nowhere. */
interface Tracing {

    /** No traces. */
    Tracing NONE = new Tracing() {
        @Override
        public RequestSpan request(HttpServletRequest request) {
            return RequestSpan.NONE;
        }

        @Override
        public TraceSpan dispatch(String traceparent, long entryId, long taskId, int eventType) {
            return TraceSpan.NONE;
        }

        @Override
        public Executor propagating(Executor executor) {
            return executor;
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    /** The span of a request, or {@link RequestSpan#NONE}. */
    RequestSpan request(HttpServletRequest request);

    /** The span of an inbox dispatch, or {@link TraceSpan#NONE}. */
    TraceSpan dispatch(String traceparent, long entryId, long taskId, int eventType);

    /** The executor, carrying the current span into each task. */
    Executor propagating(Executor executor);

    /** A request's span. */
    interface RequestSpan {

        /** No span. */
        RequestSpan NONE = new RequestSpan() {
            @Override
            public void verified() {
            }

            @Override
            public void callback(long bizId, long taskId, int eventType) {
            }

            @Override
            public void claimed(long bizId) {
            }

            @Override
            public Activation activate() {
                return Activation.NONE;
            }

            @Override
            public String traceparent() {
                return null;
            }

            @Override
            public void ended(RequestOutcome outcome, RefusalReason reason, int status) {
            }
        };

        /**
         * The signature held: the span continues the request's {@code traceparent}. Until then the
         * header is anyone's claim, and a span first used before this is a root linked to it.
         */
        void verified();

        /** Names the bound callback. */
        void callback(long bizId, long taskId, int eventType);

        /** Names the BizID a refused body claims. */
        void claimed(long bizId);

        /** Makes the span current on this thread. */
        Activation activate();

        /** Its W3C {@code traceparent}, or {@code null}. */
        String traceparent();

        /** Ends it, with what became of the request. */
        void ended(RequestOutcome outcome, RefusalReason reason, int status);
    }
}
