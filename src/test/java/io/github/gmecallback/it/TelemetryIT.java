package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.telemetry.ApiVisibilityServlet;
import io.github.gmecallback.it.telemetry.Exported;
import io.github.gmecallback.it.telemetry.OtlpReceiver;
import io.github.gmecallback.it.telemetry.OtlpReceiver.ExportedSpan;
import io.github.gmecallback.it.telemetry.TracingObserver;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The receiver's metrics and spans in {@code sync} delivery, read from what the server exports,
 * never from the receiver's code: on WildFly its OpenTelemetry pushes them over OTLP to a
 * receiver in this JVM; on Payara Server its MicroProfile Metrics endpoint is scraped, and its
 * OpenTelemetry pushes the spans. The counters move exactly with each accepted, duplicate,
 * refused (per reason) and failed callback; a signed request's span continues GME's trace and holds the
 * callback's identity, and an observer's own span nests in it, while an unsigned one's is a root
 * linked to the trace it names; no attribute holds the key, the signature or the body. A
 * deployment without telemetry works as before.
 */
@ArquillianTest
class TelemetryIT {

    private static final String KEY = Secrets.key("telemetry-secret-key");
    private static final String SERVICE = "gme-telemetry-it";
    private static final OtlpReceiver OTLP = OtlpReceiver.started();
    private static final AtomicLong TASKS = new AtomicLong(Samples.TASK_ID + 87_000_000 + System.nanoTime() % 1_000_000 * 100);



    @Deployment(name = "telemetry", testable = false)
    static WebArchive telemetry() {
        return Deployments.receiverWithObservers("gme-telemetry.war",
                "gme.callback.secret-key=" + KEY + "\n" + OTLP.settings(SERVICE)).addClass(TracingObserver.class);
    }

    /**
     * A deployment that sees no telemetry: on WildFly both subsystems are excluded, so that neither
     * API is even visible to it; on Payara Server its OpenTelemetry stays off (the default).
     */
    @Deployment(name = "plain", testable = false)
    static WebArchive plain() {
        return Deployments.receiverWithObservers("gme-no-telemetry.war", "gme.callback.secret-key=" + KEY
                        + "\notel.service.name=gme-no-telemetry-it\notel.exporter.otlp.endpoint=" + OTLP.endpoint())
                .addClass(ApiVisibilityServlet.class)
                .addAsWebInfResource(new StringAsset("""
                        <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.2">
                            <deployment>
                                <exclude-subsystems>
                                    <subsystem name="microprofile-telemetry"/>
                                    <subsystem name="opentelemetry"/>
                                </exclude-subsystems>
                            </deployment>
                        </jboss-deployment-structure>
                        """), "jboss-deployment-structure.xml");
    }

    @AfterAll
    static void stopReceiver() {
        OTLP.close();
    }

    private static URI uri(String context, String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("gme.it.http-port") + "/" + context + "/" + path);
    }

    /** POSTs a body and asserts the answer's status, naming the answer when it differs. */
    private static void post(int status, byte[] body, String signature) {
        var answer = Http.post(uri("gme-telemetry", "recording-callback"), body, signature);
        assertEquals(status, answer.statusCode(), answer.body());
    }

    private static byte[] upload(long taskId, String userId) {
        return Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, userId));
    }

    private static Map<String, String> attributes(String... pairs) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            attributes.put(pairs[i], pairs[i + 1]);
        }
        return attributes;
    }

    @Test
    void theCountersMoveExactlyWithEachOutcomeAndReason() {
        Map<String, Map<String, String>> kinds = new LinkedHashMap<>();
        kinds.put("accepted", attributes("outcome", "accepted", "reason", "none", "event_type", "upload_completed"));
        kinds.put("duplicate", attributes("outcome", "duplicate", "reason", "none", "event_type", "upload_completed"));
        kinds.put("failed", attributes("outcome", "failed", "reason", "none", "event_type", "upload_completed"));
        kinds.put("mismatch", attributes("outcome", "refused", "reason", "SIGNATURE_MISMATCH", "event_type", "none"));
        kinds.put("malformed", attributes("outcome", "refused", "reason", "MALFORMED_BODY"));
        kinds.put("method", attributes("outcome", "refused", "reason", "METHOD_NOT_ALLOWED", "event_type", "none"));
        Exported before = Exported.settled(OTLP, SERVICE);
        Map<String, Double> base = new LinkedHashMap<>();
        kinds.forEach((kind, attributes) -> base.put(kind, before.requests(attributes)));
        double timed = before.durations(Map.of());
        double timedRefused = before.durations(Map.of("outcome", "refused"));

        long task = TASKS.incrementAndGet();
        byte[] accepted = upload(task, "telemetry");
        post(200, accepted, CallbackSigner.base64(accepted, KEY));
        post(200, accepted, CallbackSigner.base64(accepted, KEY)); // the duplicate
        byte[] failing = upload(TASKS.incrementAndGet(), "throw");
        post(500, failing, CallbackSigner.base64(failing, KEY));
        byte[] other = upload(TASKS.incrementAndGet(), "telemetry");
        post(401, other, CallbackSigner.base64(other, Secrets.key("not-the-telemetry-key")));
        byte[] malformed = Samples.utf8("{\"BizID\":" + Samples.BIZ_ID + ",\"EventType\":3,\"TaskID\":\"x\"}");
        post(400, malformed, CallbackSigner.base64(malformed, KEY));
        assertEquals(405, Http.get(uri("gme-telemetry", "recording-callback")).statusCode());

        Map<String, Double> expected = new LinkedHashMap<>();
        base.forEach((kind, value) -> expected.put(kind, value + 1));
        Poll.until("each counter one up: " + expected, Duration.ofSeconds(20),
                () -> moved(Exported.now(OTLP, SERVICE), kinds).equals(expected));
        Exported after = Exported.settled(OTLP, SERVICE);
        assertEquals(expected, moved(after, kinds), "exactly one each, and no more later: " + after);
        assertEquals(timed + 6, after.durations(Map.of()), "each request timed once: " + after);
        assertEquals(timedRefused + 3, after.durations(Map.of("outcome", "refused")),
                "timed by outcome");
    }

    private static Map<String, Double> moved(Exported exported, Map<String, Map<String, String>> kinds) {
        Map<String, Double> values = new LinkedHashMap<>();
        kinds.forEach((kind, attributes) -> values.put(kind, exported.requests(attributes)));
        return values;
    }

    @Test
    void aRequestsSpanContinuesGmesTraceNamesTheCallbackAndHoldsTheObserversSpan() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String parentId = HexFormat.of().formatHex(randomBytes(8));
        long task = TASKS.incrementAndGet();
        byte[] body = upload(task, "traced");
        String signature = CallbackSigner.base64(body, KEY);
        assertEquals(200, Http.post(uri("gme-telemetry", "recording-callback"), body, signature,
                "00-" + traceId + "-" + parentId + "-01").statusCode());

        Poll.until("the request's and the observer's spans", Duration.ofSeconds(20),
                () -> trace(traceId).size() >= 2);
        List<ExportedSpan> trace = trace(traceId);
        ExportedSpan request = trace.stream().filter(span -> span.kind().equals("SPAN_KIND_SERVER")).findFirst()
                .orElseThrow(() -> new AssertionError("no server span in " + trace));
        assertEquals("POST /gme-telemetry/recording-callback", request.name());
        assertEquals(parentId, request.parentSpanId(), "a child of GME's span");
        assertEquals(Long.toString(Samples.BIZ_ID), request.attributes().get("gme.callback.biz_id"));
        assertEquals(Long.toString(task), request.attributes().get("gme.callback.task_id"), "exact as 64 bits");
        assertEquals("3", request.attributes().get("gme.callback.event_type"));
        assertEquals("accepted", request.attributes().get("gme.callback.outcome"));
        assertEquals("200", request.attributes().get("http.response.status_code"));
        ExportedSpan observer = trace.stream().filter(span -> span.name().equals(TracingObserver.SPAN)).findFirst()
                .orElseThrow(() -> new AssertionError("no observer span in " + trace));
        assertEquals(request.spanId(), observer.parentSpanId(), "the observer's span nests in the request's");

        for (ExportedSpan span : OTLP.spans(SERVICE)) {
            for (String value : span.attributes().values()) {
                assertFalse(value.contains(KEY), "a key in " + span);
                assertFalse(value.contains(signature), "a signature in " + span);
                assertFalse(value.contains("\"TaskID\""), "a body in " + span);
            }
        }
    }

    @Test
    void anUnsignedRequestsSpanIsARootOfItsOwnLinkedToTheTraceItNames() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String parentId = HexFormat.of().formatHex(randomBytes(8));
        byte[] body = upload(TASKS.incrementAndGet(), "unsigned");
        assertEquals(401, Http.post(uri("gme-telemetry", "recording-callback"), body,
                CallbackSigner.base64(body, Secrets.key("not-the-telemetry-key")),
                "00-" + traceId + "-" + parentId + "-01").statusCode());

        // The servers sample every root here (parentbased_always_on), so the span is exported.
        Poll.until("the refused request's span", Duration.ofSeconds(20), () -> OTLP.spans(SERVICE).stream()
                .anyMatch(span -> span.linkedSpanIds().contains(parentId)));
        ExportedSpan refused = OTLP.spans(SERVICE).stream().filter(span -> span.linkedSpanIds().contains(parentId))
                .findFirst().orElseThrow();
        assertEquals("SPAN_KIND_SERVER", refused.kind());
        assertEquals("", refused.parentSpanId(), "a root: an unsigned traceparent is anyone's claim");
        assertEquals("SIGNATURE_MISMATCH", refused.attributes().get("gme.callback.refusal_reason"));
        assertEquals(List.of(), trace(traceId), "nothing of ours joins the trace an unsigned request names");
    }

    private static List<ExportedSpan> trace(String traceId) {
        return OTLP.spans(SERVICE).stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zero, which is an invalid id
        return bytes;
    }

    @Test
    void aDeploymentWithoutTelemetryWorksAsBefore() throws Exception {
        String apis = Http.get(uri("gme-no-telemetry", "test/apis")).body();
        if (Servers.current() == Servers.WILDFLY) {
            assertTrue(apis.contains("io.opentelemetry.api.OpenTelemetry false")
                    && apis.contains("org.eclipse.microprofile.metrics.MetricRegistry false"), apis);
        }
        long task = TASKS.incrementAndGet();
        byte[] body = upload(task, "plain");
        var answer = Http.post(uri("gme-no-telemetry", "recording-callback"), body, CallbackSigner.base64(body, KEY),
                "00-" + HexFormat.of().formatHex(randomBytes(16)) + "-" + HexFormat.of().formatHex(randomBytes(8))
                        + "-01");
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(new Observations(uri("gme-no-telemetry", "").toURL()).observers(task).contains("uploaded"),
                "observed");
        Exported.settled(OTLP, SERVICE);
        assertEquals(List.of(), OTLP.spans("gme-no-telemetry-it"), "nothing exported for it");
    }
}
