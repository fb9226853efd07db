package io.github.gmecallback.telemetry;

import io.github.gmecallback.recording.RecordingEventType;
import io.github.gmecallback.recording.RefusalReason;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The metrics through OpenTelemetry's meter (WildFly's {@code microprofile-telemetry}), which the
 * server pushes over OTLP to the collector it is configured with; the collector's Prometheus
 * exporter shows them as {@code gme_callback_requests_total} and so on.
 *
 * <p>Loaded by name only where the API is there ({@link Telemetries}).
 */
final class OtelMetrics implements Metrics {

    /** Buckets for a webhook answered in milliseconds, or slowly by a synchronous observer. */
    static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            10.0);

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    private static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("event_type");

    private final Meter meter;
    private final LongCounter requests;
    private final DoubleHistogram duration;
    private final LongCounter dead;
    private final Slots<Attributes> attributes = new Slots<>((outcome, reason, type) ->
            Attributes.of(OUTCOME, outcome, REASON, reason, EVENT_TYPE, type));
    private final Attributes[] outcomes = new Attributes[RequestOutcome.values().length];
    private final List<AutoCloseable> gauges = new ArrayList<>();

    OtelMetrics(OpenTelemetry openTelemetry) {
        meter = openTelemetry.getMeter(Telemetries.SCOPE);
        requests = meter.counterBuilder("gme.callback.requests").setUnit("{request}")
                .setDescription("GME recording callback requests answered, by outcome, refusal reason and EventType")
                .build();
        DoubleHistogramBuilder histogram = meter.histogramBuilder("gme.callback.request.duration").setUnit("s")
                .setDescription("From the receiver taking a callback request to its answer");
        duration = withBuckets(histogram).build();
        dead = meter.counterBuilder("gme.callback.inbox.dead").setUnit("{entry}")
                .setDescription("Inbox entries given up on after their last attempt").build();
        for (RequestOutcome outcome : RequestOutcome.values()) {
            outcomes[outcome.ordinal()] = Attributes.of(OUTCOME, outcome.attribute());
        }
    }

    /**
     * Seconds-sized buckets where the API can say so (1.32 and later; WildFly 39 has 1.48): the
     * SDK's default buckets are sized for milliseconds.
     */
    private static DoubleHistogramBuilder withBuckets(DoubleHistogramBuilder histogram) {
        try {
            histogram.getClass().getMethod("setExplicitBucketBoundariesAdvice", List.class)
                    .invoke(histogram, DURATION_BUCKETS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.fine(() -> "OpenTelemetry API without bucket advice; the SDK's default buckets apply (" + e + ")");
        }
        return histogram;
    }

    @Override
    public void request(RequestOutcome outcome, RefusalReason reason, RecordingEventType type, long nanos) {
        requests.add(1, attributes.get(outcome, reason, type));
        duration.record(nanos / 1e9, outcomes[outcome.ordinal()]);
    }

    @Override
    public void dead() {
        dead.add(1);
    }

    @Override
    public synchronized void watch(Figures figures) {
        if (figures.inbox()) {
            gauges.add(meter.gaugeBuilder("gme.callback.inbox.pending").ofLongs().setUnit("{entry}")
                    .setDescription("Inbox entries waiting to be dispatched")
                    .buildWithCallback(m -> m.record(figures.inboxPending())));
            gauges.add(meter.gaugeBuilder("gme.callback.inbox.oldest.age").setUnit("s")
                    .setDescription("Seconds the oldest due inbox entry has waited")
                    .buildWithCallback(m -> m.record(figures.inboxOldestAgeSeconds())));
        }
        if (figures.recordings()) {
            gauges.add(meter.gaugeBuilder("gme.callback.recordings.overdue").ofLongs().setUnit("{file}")
                    .setDescription("Recording files overdue now")
                    .buildWithCallback(m -> m.record(figures.recordingsOverdue())));
        }
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable gauge : gauges) {
            try {
                gauge.close();
            } catch (Exception e) {
                LOG.fine(() -> "closing a gauge failed: " + e);
            }
        }
        gauges.clear();
    }

    @Override
    public String toString() {
        return "OpenTelemetry (pushed over OTLP by the server)";
    }
}
