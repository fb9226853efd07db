package io.github.gmecallback.telemetry;

import io.github.gmecallback.recording.RecordingEventType;
import io.github.gmecallback.recording.RefusalReason;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The metrics in the application's MicroProfile Metrics registry (Payara Server), which the
 * server serves at {@code /metrics?scope=application} in Prometheus' format:
 * {@code gme_callback_requests_total}, {@code gme_callback_request_duration_seconds},
 * {@code gme_callback_inbox_pending}, {@code gme_callback_inbox_oldest_age_seconds},
 * {@code gme_callback_inbox_dead_total}, {@code gme_callback_recordings_overdue}.
 *
 * <p>Loaded by name only where the API is there ({@link Telemetries}).
 */
final class MicroProfileMetrics implements Metrics {

    private static final Metadata REQUESTS = Metadata.builder().withName("gme.callback.requests")
            .withDescription("GME recording callback requests answered, by outcome, refusal reason and EventType")
            .build();
    private static final Metadata DURATION = Metadata.builder().withName("gme.callback.request.duration")
            .withDescription("From the receiver taking a callback request to its answer").withUnit(MetricUnits.SECONDS)
            .build();

    private final MetricRegistry registry;
    private final Slots<Counter> requests;
    private final Timer[] durations = new Timer[RequestOutcome.values().length];
    private final Counter dead;
    private final List<MetricID> registered = new ArrayList<>();

    private MicroProfileMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.requests = new Slots<>((outcome, reason, type) -> registry.counter(REQUESTS,
                new Tag("outcome", outcome), new Tag("reason", reason), new Tag("event_type", type)));
        for (RequestOutcome outcome : RequestOutcome.values()) {
            durations[outcome.ordinal()] = registry.timer(DURATION, new Tag("outcome", outcome.attribute()));
        }
        Metadata deadMetadata = Metadata.builder().withName("gme.callback.inbox.dead")
                .withDescription("Inbox entries given up on after their last attempt").build();
        this.dead = registry.counter(deadMetadata);
        registered.add(new MetricID(deadMetadata.getName()));
    }

    /**
     * The application's registry, where one resolves.
     *
     * @return the metrics, or empty
     */
    static Optional<Metrics> create() {
        Instance<MetricRegistry> registry = CDI.current().select(MetricRegistry.class);
        if (!registry.isResolvable()) {
            return Optional.empty();
        }
        // Injected, not looked up: Payara's producer reads the injection point's annotations,
        // which a programmatic lookup does not have.
        Unmanaged.UnmanagedInstance<Registry> injected = new Unmanaged<>(Registry.class).newInstance();
        return Optional.of(new MicroProfileMetrics(injected.produce().inject().get().registry));
    }

    /** Where the application's registry is injected: no bean (it has no bean-defining annotation). */
    static final class Registry {
        @Inject
        MetricRegistry registry;
    }

    @Override
    public void request(RequestOutcome outcome, RefusalReason reason, RecordingEventType type, long nanos) {
        requests.get(outcome, reason, type).inc();
        durations[outcome.ordinal()].update(Duration.ofNanos(nanos));
    }

    @Override
    public void dead() {
        dead.inc();
    }

    @Override
    public void watch(Figures figures) {
        if (figures.inbox()) {
            gauge("gme.callback.inbox.pending", "Inbox entries waiting to be dispatched", MetricUnits.NONE,
                    figures, f -> f.inboxPending());
            gauge("gme.callback.inbox.oldest.age", "Seconds the oldest due inbox entry has waited",
                    MetricUnits.SECONDS, figures, f -> f.inboxOldestAgeSeconds());
        }
        if (figures.recordings()) {
            gauge("gme.callback.recordings.overdue", "Recording files overdue now", MetricUnits.NONE, figures,
                    f -> f.recordingsOverdue());
        }
    }

    private void gauge(String name, String description, String unit, Figures figures,
            java.util.function.Function<Figures, Number> read) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(unit).build(),
                figures, read);
        registered.add(new MetricID(name));
    }

    @Override
    public void close() {
        registered.forEach(registry::remove);
        registry.removeMatching((id, metric) -> id.getName().startsWith("gme.callback.request"));
    }

    @Override
    public String toString() {
        return "MicroProfile Metrics (the server's /metrics?scope=application)";
    }
}
