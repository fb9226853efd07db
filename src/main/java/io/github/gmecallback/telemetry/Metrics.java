package io.github.gmecallback.telemetry;

import io.github.gmecallback.recording.RecordingEventType;
import io.github.gmecallback.recording.RefusalReason;

/** Where the receiver's metrics go: MicroProfile Metrics, OpenTelemetry's meter, or nowhere. */
interface Metrics {

    /** No metrics. */
    Metrics NONE = new Metrics() {
        @Override
        public void request(RequestOutcome outcome, RefusalReason reason, RecordingEventType type, long nanos) {
        }

        @Override
        public void dead() {
        }

        @Override
        public void watch(Figures figures) {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    /**
     * Counts and times one answered request.
     *
     * @param outcome what became of it
     * @param reason  why it was refused, or {@code null}; counted as the answer tells it
     * @param type    its EventType, or {@code null} where not read
     * @param nanos   from the filter taking it to its answer
     */
    void request(RequestOutcome outcome, RefusalReason reason, RecordingEventType type, long nanos);

    /** Counts an inbox entry given up on. */
    void dead();

    /** Registers the gauges over {@code figures}. */
    void watch(Figures figures);

    /** Removes what {@link #watch} registered. */
    void close();
}
