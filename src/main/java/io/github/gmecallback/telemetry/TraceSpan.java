package io.github.gmecallback.telemetry;

/**
 * The span of an {@code inbox} dispatch: a span of its own, linked to the span of the request
 * that accepted the callback (whose W3C {@code traceparent} the journal kept).
 */
public interface TraceSpan {

    /** No span: nothing traces. */
    TraceSpan NONE = new TraceSpan() {
        @Override
        public Activation activate() {
            return Activation.NONE;
        }

        @Override
        public void ended(String outcome, boolean failed) {
        }
    };

    /**
     * Makes this span current on this thread.
     *
     * @return what ends that, in try-with-resources
     */
    Activation activate();

    /**
     * Ends the span.
     *
     * @param outcome the journal's outcome of the entry after this dispatch
     * @param failed  whether it failed (an observer threw, or a store failed)
     */
    void ended(String outcome, boolean failed);
}
