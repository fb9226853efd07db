package io.github.gmecallback.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.recording.RefusalReason;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry side of the telemetry against OpenTelemetry's own SDK, exporting to memory:
 * what each request and dispatch leaves in the counters, the histogram, the gauges and the spans.
 * (The servers' export of the same is the integration tests' part.)
 */
class OtelTelemetryTest {

    private static final String GME_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String GME_SPAN = "b7ad6b7169203331";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final Telemetry telemetry = new ServerTelemetry(new OtelMetrics(sdk), new OtelTracing(sdk));

    @AfterEach
    void close() {
        sdk.getSdkTracerProvider().close();
        sdk.getSdkMeterProvider().close();
    }

    /** A servlet request as the filter sees it: a POST to the callback path with these headers. */
    static HttpServletRequest request(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(OtelTelemetryTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "POST";
                    case "getContextPath" -> "/gme";
                    case "getServletPath" -> "/recording-callback";
                    case "getRequestURI" -> "/gme/recording-callback";
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getAttribute" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpServletRequest fromGme() {
        return request(Map.of("traceparent", "00-" + GME_TRACE + "-" + GME_SPAN + "-01", "signature", "c2lnbmF0dXJl"));
    }

    private long requests(Attributes attributes) {
        return metric("gme.callback.requests").getLongSumData().getPoints().stream()
                .filter(point -> point.getAttributes().equals(attributes)).mapToLong(LongPointData::getValue).sum();
    }

    private MetricData metric(String name) {
        return metrics.collectAllMetrics().stream().filter(metric -> metric.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    private static Attributes counted(String outcome, String reason, String eventType) {
        return Attributes.builder().put("outcome", outcome).put("reason", reason).put("event_type", eventType).build();
    }

    @Test
    void anAcceptedRequestIsCountedTimedAndASpanThatContinuesGmesTrace() {
        RequestTelemetry request = telemetry.request(fromGme());
        request.verified();
        request.callback(1400000000L, 446946705284000000L, 3);
        String traceparent = request.traceparent();
        request.answered(RequestOutcome.ACCEPTED, 200);
        request.answered(RequestOutcome.FAILED, 500); // a second ending changes nothing

        assertEquals(1, requests(counted("accepted", "none", "upload_completed")));
        assertEquals(1, metric("gme.callback.requests").getLongSumData().getPoints().size(), "nothing else counted");
        assertEquals(1, metric("gme.callback.request.duration").getHistogramData().getPoints().iterator().next()
                .getCount());
        assertEquals("s", metric("gme.callback.request.duration").getUnit());
        List<SpanData> ended = spans.getFinishedSpanItems();
        assertEquals(1, ended.size());
        SpanData span = ended.get(0);
        assertEquals("POST /gme/recording-callback", span.getName());
        assertEquals(SpanKind.SERVER, span.getKind());
        assertEquals(GME_TRACE, span.getTraceId());
        assertEquals(GME_SPAN, span.getParentSpanId());
        assertEquals(446946705284000000L, span.getAttributes().get(AttributeKey.longKey("gme.callback.task_id")));
        assertEquals(1400000000L, span.getAttributes().get(AttributeKey.longKey("gme.callback.biz_id")));
        assertEquals(3L, span.getAttributes().get(AttributeKey.longKey("gme.callback.event_type")));
        assertEquals("accepted", span.getAttributes().get(AttributeKey.stringKey("gme.callback.outcome")));
        assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals("00-" + GME_TRACE + "-" + span.getSpanId() + "-01", traceparent);
        span.getAttributes().forEach((key, value) -> assertFalse(value.toString().contains("c2lnbmF0dXJl"),
                "the signature header in " + key));
    }

    /** Telemetry whose tracer samples a trace's root by {@code root}, and follows a parent's flag. */
    private Telemetry sampling(Sampler root) {
        OpenTelemetrySdk sampled = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.parentBased(root))
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        return new ServerTelemetry(Metrics.NONE, new OtelTracing(sampled));
    }

    @Test
    void anUnsignedRequestsSampledTraceparentDoesNotOverrideTheServersSampler() {
        Telemetry neverSampled = sampling(Sampler.traceIdRatioBased(0));
        for (int i = 0; i < 20; i++) {
            neverSampled.request(fromGme()).refused(RefusalReason.SIGNATURE_MISMATCH, OptionalLong.of(1400000000L),
                    OptionalLong.empty(), null);
        }
        assertEquals(0, spans.getFinishedSpanItems().size(),
                "a flood of unsigned requests with sampled=01 must be sampled at the configured ratio, 0 here");
    }

    @Test
    void anUnsignedRequestsSpanIsARootLinkedToTheTraceItNames() {
        telemetry.request(fromGme()).refused(RefusalReason.SIGNATURE_MISSING, OptionalLong.empty(),
                OptionalLong.empty(), null);

        SpanData span = spans.getFinishedSpanItems().get(0);
        assertFalse(span.getParentSpanContext().isValid(), "no parent: " + span.getParentSpanContext());
        assertNotEquals(GME_TRACE, span.getTraceId(), "not attached to a trace anyone can name");
        assertEquals(1, span.getLinks().size(), "the inbound context, kept as a link");
        assertEquals(GME_TRACE, span.getLinks().get(0).getSpanContext().getTraceId());
        assertEquals(GME_SPAN, span.getLinks().get(0).getSpanContext().getSpanId());
        assertEquals("SIGNATURE_MISSING", span.getAttributes().get(AttributeKey.stringKey("gme.callback.refusal_reason")));
    }

    @Test
    void aVerifiedCallbacksSpanContinuesTheTraceItsTraceparentNames() {
        Telemetry neverSampled = sampling(Sampler.traceIdRatioBased(0));
        RequestTelemetry request = neverSampled.request(fromGme());
        request.verified();
        request.callback(1400000000L, 446946705284000000L, 3);
        request.answered(RequestOutcome.ACCEPTED, 200);

        List<SpanData> ended = spans.getFinishedSpanItems();
        assertEquals(1, ended.size(), "sampled as GME's trace is, whatever the server's own ratio");
        assertEquals(GME_TRACE, ended.get(0).getTraceId());
        assertEquals(GME_SPAN, ended.get(0).getParentSpanId());
        assertEquals(List.of(), ended.get(0).getLinks());
    }

    @Test
    void aRequestsSpanStartsWhenTheFilterTookItThoughItStartsAfterTheSignatureHeld() throws Exception {
        long before = System.currentTimeMillis() * 1_000_000;
        RequestTelemetry request = telemetry.request(fromGme());
        Thread.sleep(20);
        request.verified();
        request.answered(RequestOutcome.ACCEPTED, 200);

        SpanData span = spans.getFinishedSpanItems().get(0);
        assertTrue(span.getStartEpochNanos() >= before - 1_000_000, "not before the request came");
        assertTrue(span.getEndEpochNanos() - span.getStartEpochNanos() >= 20_000_000,
                "reading and verifying the body count: " + (span.getEndEpochNanos() - span.getStartEpochNanos()));
    }

    @Test
    void aRefusalIsCountedByReasonAndItsSpanSaysWhy() {
        telemetry.request(fromGme()).refused(RefusalReason.SIGNATURE_MISMATCH, OptionalLong.of(1400000000L),
                OptionalLong.empty(), null);
        RequestTelemetry malformed = telemetry.request(request(Map.of()));
        malformed.refused(RefusalReason.MALFORMED_BODY, OptionalLong.of(1400000000L), OptionalLong.of(7), 2);
        RequestTelemetry busy = telemetry.request(request(Map.of()));
        busy.callback(1400000000L, 8, 1);
        busy.answered(RequestOutcome.UNAVAILABLE, 503);

        assertEquals(1, requests(counted("refused", "SIGNATURE_MISMATCH", "none")));
        assertEquals(1, requests(counted("refused", "MALFORMED_BODY", "recording_completed")));
        assertEquals(1, requests(counted("unavailable", "none", "recording_started")));
        List<SpanData> ended = spans.getFinishedSpanItems();
        assertEquals("SIGNATURE_MISMATCH",
                ended.get(0).getAttributes().get(AttributeKey.stringKey("gme.callback.refusal_reason")));
        assertEquals(401L, ended.get(0).getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals(StatusCode.UNSET, ended.get(0).getStatus().getStatusCode(), "a 4xx is the client's");
        assertEquals(7L, ended.get(1).getAttributes().get(AttributeKey.longKey("gme.callback.task_id")));
        assertEquals(StatusCode.ERROR, ended.get(2).getStatus().getStatusCode(), "a 5xx is ours");
        assertFalse(ended.get(1).getParentSpanContext().isValid(), "no traceparent: a trace of its own");
    }

    @Test
    void aBizIdWithoutKeysIsCountedAsASignatureMismatchAsTheAnswerSays() {
        telemetry.request(fromGme()).refused(RefusalReason.SIGNATURE_MISMATCH, OptionalLong.of(1400000000L),
                OptionalLong.empty(), null);
        telemetry.request(fromGme()).refused(RefusalReason.NO_KEY_FOR_BIZ_ID, OptionalLong.of(1400000001L),
                OptionalLong.empty(), null);

        assertEquals(2, requests(counted("refused", "SIGNATURE_MISMATCH", "none")),
                "a public /metrics must not tell which BizIDs have keys");
        metric("gme.callback.requests").getLongSumData().getPoints().forEach(point -> assertFalse(
                point.getAttributes().toString().contains("NO_KEY"), point.getAttributes().toString()));
    }

    @Test
    void aSpanTheServerMadeGetsTheAttributesAndIsLeftToTheServerToEnd() {
        Span server = sdk.getTracer("server").spanBuilder("the server's").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope scope = server.makeCurrent()) {
            RequestTelemetry request = telemetry.request(fromGme());
            request.verified();
            request.callback(1400000000L, 9, 3);
            request.answered(RequestOutcome.DUPLICATE, 200);
        }
        assertEquals(List.of(), spans.getFinishedSpanItems(), "not ended by the receiver");
        server.end();
        SpanData span = spans.getFinishedSpanItems().get(0);
        assertEquals("the server's", span.getName());
        assertFalse(span.getParentSpanContext().isValid(), "its parent is the server's choice, untouched");
        assertEquals("duplicate", span.getAttributes().get(AttributeKey.stringKey("gme.callback.outcome")));
    }

    @Test
    void aDispatchIsATraceOfItsOwnLinkedToTheRequestAndHoldsWhatRunsInIt() {
        RequestTelemetry request = telemetry.request(fromGme());
        request.verified();
        String traceparent = request.traceparent();
        request.answered(RequestOutcome.ACCEPTED, 200);

        TraceSpan dispatch = telemetry.dispatch(traceparent, 42, 446946705284000000L, 3);
        AtomicReference<String> observerParent = new AtomicReference<>();
        try (Activation active = dispatch.activate()) {
            Span observer = sdk.getTracer("observer").spanBuilder("observer").startSpan();
            observerParent.set(observer.getSpanContext().getTraceId());
            observer.end();
        }
        dispatch.ended("PROCESSED", false);

        List<SpanData> ended = spans.getFinishedSpanItems();
        SpanData accepted = ended.get(0);
        SpanData observer = ended.get(1);
        SpanData dispatched = ended.get(2);
        assertEquals(SpanKind.CONSUMER, dispatched.getKind());
        assertFalse(dispatched.getParentSpanContext().isValid(), "no parent");
        assertEquals(1, dispatched.getLinks().size());
        assertEquals(accepted.getSpanId(), dispatched.getLinks().get(0).getSpanContext().getSpanId());
        assertEquals(accepted.getTraceId(), dispatched.getLinks().get(0).getSpanContext().getTraceId());
        assertEquals(42L, dispatched.getAttributes().get(AttributeKey.longKey("gme.callback.entry_id")));
        assertEquals("PROCESSED", dispatched.getAttributes().get(AttributeKey.stringKey("gme.callback.outcome")));
        assertEquals(dispatched.getSpanId(), observer.getParentSpanId(), "the observer's span nests in it");
        assertEquals(dispatched.getTraceId(), observerParent.get());
    }

    @Test
    void aMissingOrMalformedTraceparentLinksToNothing() {
        for (String traceparent : new String[] {null, "", "00-xyz", "00-" + GME_TRACE + "-" + GME_SPAN + "-01x",
                "01-" + GME_TRACE + "-" + GME_SPAN + "-01", "00-" + "0".repeat(32) + "-" + GME_SPAN + "-01"}) {
            telemetry.dispatch(traceparent, 1, 2, 3).ended("DEAD", true);
        }
        spans.getFinishedSpanItems().forEach(span -> assertEquals(List.of(), span.getLinks(), span.toString()));
        assertEquals(StatusCode.ERROR, spans.getFinishedSpanItems().get(0).getStatus().getStatusCode());
        assertEquals(GME_SPAN, OtelTracing.parse("00-" + GME_TRACE + "-" + GME_SPAN + "-01").getSpanId());
        assertNull(OtelTracing.format(io.opentelemetry.api.trace.SpanContext.getInvalid()));
    }

    @Test
    void theGaugesReadWhatTheSweepsLeftAndTheDeadAreCounted() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(100_000), ZoneOffset.UTC);
        Figures figures = new Figures(clock, true, true);
        assertFalse(figures.watched(), "nothing reads them yet: the sweeps count nothing");
        telemetry.watch(figures);
        assertTrue(figures.watched());
        figures.inbox(3, 88_000L);
        figures.overdue(2);
        telemetry.deadLettered();

        assertEquals(3, metric("gme.callback.inbox.pending").getLongGaugeData().getPoints().iterator().next()
                .getValue());
        assertEquals(12.0, metric("gme.callback.inbox.oldest.age").getDoubleGaugeData().getPoints().iterator().next()
                .getValue(), "from when the oldest became due, to the scrape");
        assertEquals(2, metric("gme.callback.recordings.overdue").getLongGaugeData().getPoints().iterator().next()
                .getValue());
        assertEquals(1, metric("gme.callback.inbox.dead").getLongSumData().getPoints().iterator().next().getValue());
        figures.inbox(0, null);
        assertEquals(0.0, metric("gme.callback.inbox.oldest.age").getDoubleGaugeData().getPoints().iterator().next()
                .getValue(), "none waits");
    }

    @Test
    void openTelemetryIsOnOnlyWhereTheApplicationSaysSo() {
        assertFalse(OtelSupport.enabled(config(Map.of())), "MicroProfile Telemetry's default: off");
        assertFalse(OtelSupport.enabled(config(Map.of("otel.sdk.disabled", "true"))));
        assertTrue(OtelSupport.enabled(config(Map.of("otel.sdk.disabled", "false"))));
    }

    private static org.eclipse.microprofile.config.Config config(Map<String, String> values) {
        return new io.smallrye.config.SmallRyeConfigBuilder().withSources(
                new io.smallrye.config.PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void aDisabledOpenTelemetryIsNoTracingAndNoTelemetryDoesNothing() {
        assertFalse(new OtelTracing(OpenTelemetry.noop()).enabled());
        assertTrue(new OtelTracing(sdk).enabled());
        assertSame(RequestTelemetry.NONE, Telemetry.NONE.request(fromGme()));
        assertSame(TraceSpan.NONE, Telemetry.NONE.dispatch("00-" + GME_TRACE + "-" + GME_SPAN + "-01", 1, 2, 3));
        Figures figures = new Figures(Clock.systemUTC(), true, true);
        Telemetry.NONE.watch(figures);
        assertFalse(figures.watched(), "the sweeps skip their counts");
        assertSame(RequestTelemetry.NONE, RequestTelemetry.of(request(Map.of())), "a request the filter never saw");
    }
}
