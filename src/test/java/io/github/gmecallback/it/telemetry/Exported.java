package io.github.gmecallback.it.telemetry;

import io.github.gmecallback.it.Servers;
import java.util.Map;

/**
 * The receiver's metrics as the server exports them: on WildFly pushed over OTLP to the test's
 * {@link OtlpReceiver} (names as the contract writes them), on Payara Server scraped from its
 * MicroProfile Metrics endpoint (the Prometheus names: dots to underscores, {@code _total} for
 * counters, {@code _seconds} for seconds).
 */
public final class Exported {

    private final OtlpReceiver otlp;
    private final String service;
    private final PrometheusScrape scrape;

    private Exported(OtlpReceiver otlp, String service, PrometheusScrape scrape) {
        this.otlp = otlp;
        this.service = service;
        this.scrape = scrape;
    }

    /** What the server exports now: on Payara a fresh scrape, on WildFly the latest OTLP push. */
    public static Exported now(OtlpReceiver otlp, String service) {
        return new Exported(otlp, service, Servers.current() == Servers.PAYARA
                ? PrometheusScrape.of(System.getProperty("gme.it.http-port")) : null);
    }

    /**
     * What the server exports once everything answered so far is in it: on WildFly after two more
     * OTLP pushes (each carries the counters' totals), on Payara at once (a scrape reads them live).
     */
    public static Exported settled(OtlpReceiver otlp, String service) {
        if (Servers.current() == Servers.WILDFLY) {
            long after = otlp.metricExports() + 2;
            io.github.gmecallback.it.Poll.until("two more OTLP metric exports", java.time.Duration.ofSeconds(30),
                    () -> otlp.metricExports() >= after);
        }
        return now(otlp, service);
    }

    /** {@code gme.callback.requests} with these attributes (among others). */
    public double requests(Map<String, String> attributes) {
        return value("gme.callback.requests", "gme_callback_requests_total", attributes);
    }

    /** How many requests {@code gme.callback.request.duration} measured with these attributes. */
    public double durations(Map<String, String> attributes) {
        return value("gme.callback.request.duration", "gme_callback_request_duration_seconds_count", attributes);
    }

    public double inboxPending() {
        return value("gme.callback.inbox.pending", "gme_callback_inbox_pending", Map.of());
    }

    public double inboxOldestAge() {
        return value("gme.callback.inbox.oldest.age", "gme_callback_inbox_oldest_age_seconds", Map.of());
    }

    public double inboxDead() {
        return value("gme.callback.inbox.dead", "gme_callback_inbox_dead_total", Map.of());
    }

    public double recordingsOverdue() {
        return value("gme.callback.recordings.overdue", "gme_callback_recordings_overdue", Map.of());
    }

    /** Whether the gauge or counter is exported at all yet. */
    public boolean has(String otlpName, String prometheusName) {
        return scrape == null ? otlp.exported(service, otlpName) : scrape.has(prometheusName);
    }

    private double value(String otlpName, String prometheusName, Map<String, String> attributes) {
        return scrape == null ? otlp.value(service, otlpName, attributes) : scrape.value(prometheusName, attributes);
    }

    @Override
    public String toString() {
        return scrape == null ? "OTLP of " + service : scrape.toString();
    }
}
