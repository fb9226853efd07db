package io.github.gmecallback.telemetry;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the telemetry adds to one callback request, without a server: the filter's start, the
 * callback's attributes, the span made current around the delivery, and the answer counted and
 * timed, against {@link Telemetry#NONE} (what a server without telemetry runs). The OpenTelemetry
 * side runs on OpenTelemetry's own SDK (1.29, Payara's) with a batch span processor, as servers
 * configure it, whose exporter takes each batch and drops it: the server's encoding and sending
 * are not in these figures ({@code bench/run}'s {@code new-telemetry} row has them).
 *
 * <pre>
 * bench/jmh TelemetryBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx512m")
public class TelemetryBenchmark {

    private OpenTelemetrySdk sdk;
    private Telemetry openTelemetry;
    private Telemetry metricsOnly;
    private HttpServletRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        SpanExporter dropping = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(dropping).build()).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        openTelemetry = new ServerTelemetry(new OtelMetrics(sdk), new OtelTracing(sdk));
        metricsOnly = new ServerTelemetry(new OtelMetrics(sdk), Tracing.NONE);
        // The unit tests' servlet request: a POST to the callback path carrying GME's traceparent.
        request = OtelTelemetryTest.request(
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sdk.getSdkTracerProvider().close();
        sdk.getSdkMeterProvider().close();
    }

    private static String request(Telemetry telemetry, HttpServletRequest request) {
        RequestTelemetry measured = telemetry.request(request);
        measured.callback(1400000000L, 446946705284000000L, 3);
        String traceparent;
        try (Activation active = measured.activate()) {
            traceparent = measured.traceparent();
        }
        measured.answered(RequestOutcome.ACCEPTED, 200);
        return traceparent;
    }

    /** A server without telemetry: shared objects whose every method is empty. */
    @Benchmark
    public String none() {
        return request(Telemetry.NONE, request);
    }

    /** The counter and the histogram alone (what MicroProfile Metrics on Payara costs is of this kind). */
    @Benchmark
    public String metricsOnly() {
        return request(metricsOnly, request);
    }

    /** OpenTelemetry: the span (a child of GME's traceparent), the counter and the histogram. */
    @Benchmark
    public String openTelemetry() {
        return request(openTelemetry, request);
    }
}
