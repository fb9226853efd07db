package io.github.gmecallback.it.telemetry;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A small OTLP/HTTP receiver (protobuf) in the test JVM, where a server exports its spans and
 * metrics: {@code /v1/traces}, {@code /v1/metrics} and {@code /v1/logs} (accepted, ignored).
 * It decodes with the OpenTelemetry protocol's own classes and keeps, per service, every span
 * and the latest value of every metric's data points.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** A span as exported, with the ids in hex. */
    public record ExportedSpan(String service, String name, String kind, String traceId, String spanId,
            String parentSpanId, List<String> linkedSpanIds, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<ExportedSpan> spans = new CopyOnWriteArrayList<>();
    /** service → metric name → attributes → latest value. */
    private final Map<String, Map<String, Map<Map<String, String>, Double>>> metrics = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong metricExports = new java.util.concurrent.atomic.AtomicLong();

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> answer(exchange, this::traces));
        server.createContext("/v1/metrics", exchange -> answer(exchange, this::metrics));
        server.createContext("/v1/logs", exchange -> answer(exchange, body -> { }));
        server.start();
    }

    /** A receiver listening already, for a test class's static field. */
    public static OtlpReceiver started() {
        try {
            return new OtlpReceiver();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * MicroProfile Telemetry turned on for one application, exporting to this receiver at once:
     * the lines of its {@code microprofile-config.properties}.
     *
     * @param service the application's {@code otel.service.name}, which its exports carry
     * @return the settings
     */
    public String settings(String service) {
        return String.join("\n", "otel.sdk.disabled=false", "otel.service.name=" + service,
                "otel.exporter.otlp.protocol=http/protobuf", "otel.exporter.otlp.endpoint=" + endpoint(),
                "otel.metric.export.interval=500", "otel.bsp.schedule.delay=100", "otel.logs.exporter=none");
    }

    /** Where a server exports: {@code otel.exporter.otlp.endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Every span received so far, of a service. */
    public List<ExportedSpan> spans(String service) {
        return spans.stream().filter(span -> span.service().equals(service)).toList();
    }

    /**
     * The latest value of a metric's data points whose attributes include {@code attributes},
     * added up (a counter's or gauge's value; a histogram's count); 0 before any was exported.
     */
    public double value(String service, String metric, Map<String, String> attributes) {
        Map<Map<String, String>, Double> points = metrics.getOrDefault(service, Map.of()).getOrDefault(metric, Map.of());
        return points.entrySet().stream().filter(point -> point.getKey().entrySet().containsAll(attributes.entrySet()))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** How many metric exports arrived, from any service. */
    public long metricExports() {
        return metricExports.get();
    }

    /** Whether a metric of that name was exported by the service at all. */
    public boolean exported(String service, String metric) {
        return metrics.getOrDefault(service, Map.of()).containsKey(metric);
    }

    @FunctionalInterface
    private interface Handler {
        void handle(byte[] body) throws IOException;
    }

    private static void answer(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            InputStream in = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            handler.handle(in.readAllBytes());
            // An empty Export*ServiceResponse: all accepted.
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        }
    }

    private void traces(byte[] body) throws IOException {
        for (ResourceSpans resource : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
            String service = service(resource.getResource());
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                    List<String> links = new ArrayList<>();
                    span.getLinksList().forEach(link -> links.add(hex(link.getSpanId())));
                    spans.add(new ExportedSpan(service, span.getName(), span.getKind().name(), hex(span.getTraceId()),
                            hex(span.getSpanId()), hex(span.getParentSpanId()), links,
                            attributes(span.getAttributesList())));
                }
            }
        }
    }

    private void metrics(byte[] body) throws IOException {
        for (ResourceMetrics resource : ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList()) {
            String service = service(resource.getResource());
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    Map<Map<String, String>, Double> points = metrics.computeIfAbsent(service,
                            s -> new ConcurrentHashMap<>()).computeIfAbsent(metric.getName(), n -> new ConcurrentHashMap<>());
                    switch (metric.getDataCase()) {
                        case SUM -> metric.getSum().getDataPointsList().forEach(p -> points.put(
                                attributes(p.getAttributesList()), number(p)));
                        case GAUGE -> metric.getGauge().getDataPointsList().forEach(p -> points.put(
                                attributes(p.getAttributesList()), number(p)));
                        case HISTOGRAM -> metric.getHistogram().getDataPointsList().forEach(p -> points.put(
                                attributes(p.getAttributesList()), (double) p.getCount()));
                        default -> { }
                    }
                }
            }
        }
        metricExports.incrementAndGet();
    }

    private static double number(NumberDataPoint point) {
        return point.hasAsInt() ? point.getAsInt() : point.getAsDouble();
    }

    private static String service(Resource resource) {
        return attributes(resource.getAttributesList()).getOrDefault("service.name", "");
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        Map<String, String> attributes = new TreeMap<>();
        for (KeyValue value : values) {
            attributes.put(value.getKey(), text(value.getValue()));
        }
        return attributes;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            default -> value.toString();
        };
    }

    private static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }
}
