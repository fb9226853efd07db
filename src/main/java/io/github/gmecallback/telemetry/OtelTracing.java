package io.github.gmecallback.telemetry;

import io.github.gmecallback.recording.RefusalReason;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Collections;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * The spans, through the application's {@code OpenTelemetry} bean (MicroProfile Telemetry on
 * WildFly and on Payara Server).
 *
 * <p>Neither server makes a span for a plain servlet (both trace Jakarta REST only), so the
 * receiver makes a {@code SERVER} span per callback request. Its parent is the request's
 * {@code traceparent} (as the configured propagators read it) only once the signature held:
 * anyone can send a {@code traceparent}, and a parent's {@code sampled} flag overrides the
 * server's ratio sampler, so an unsigned flood with {@code sampled=01} would be traced in full,
 * inside a stranger's trace. A span's parent is fixed when it starts, so the span starts when the
 * filter knows ({@link RequestSpan#verified()}, or the first use before that), dated back to when
 * the filter took the request: a verified callback's continues the inbound trace; any other
 * request's is a root, sampled as the server's sampler says, with the inbound context as a link.
 * Nothing runs inside the span before then, so starting it late loses nothing. Where the server
 * did make one (a span is current and recording when the filter takes the request), the receiver
 * puts its attributes on that span instead, and leaves its parent and its end to the server.
 *
 * <p>An {@code inbox} dispatch runs later, on another thread, perhaps on another server: its
 * span starts a trace of its own, {@code CONSUMER}, linked to the accepting request's span.
 *
 * <p>Attributes: {@code gme.callback.biz_id}, {@code gme.callback.task_id},
 * {@code gme.callback.event_type}, {@code gme.callback.outcome},
 * {@code gme.callback.refusal_reason}, {@code gme.callback.entry_id}, and the HTTP ones of the
 * semantic conventions. Never a header but {@code traceparent}, never the body.
 */
final class OtelTracing implements Tracing {

    static final AttributeKey<Long> BIZ_ID = AttributeKey.longKey("gme.callback.biz_id");
    static final AttributeKey<Long> TASK_ID = AttributeKey.longKey("gme.callback.task_id");
    static final AttributeKey<Long> EVENT_TYPE = AttributeKey.longKey("gme.callback.event_type");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("gme.callback.outcome");
    static final AttributeKey<String> REFUSAL_REASON = AttributeKey.stringKey("gme.callback.refusal_reason");
    static final AttributeKey<Long> ENTRY_ID = AttributeKey.longKey("gme.callback.entry_id");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    /** Reads a propagator's headers from the request; only the ones it asks for. */
    private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest request) {
            return Collections.list(request.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest request, String key) {
            return request == null ? null : request.getHeader(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    OtelTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(Telemetries.SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Whether spans are real: a disabled SDK (or none) hands out invalid ones. */
    boolean enabled() {
        return tracer.spanBuilder("gme.callback probe").startSpan().getSpanContext().isValid();
    }

    @Override
    public RequestSpan request(HttpServletRequest request) {
        Span current = Span.current();
        if (current.getSpanContext().isValid() && current.isRecording()) {
            return new OtelRequestSpan(current);
        }
        String route = request.getContextPath() + request.getServletPath();
        SpanBuilder span = tracer.spanBuilder(request.getMethod() + " " + route).setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(Instant.now())
                .setAttribute(METHOD, request.getMethod()).setAttribute(ROUTE, route)
                .setAttribute(PATH, request.getRequestURI());
        return new OtelRequestSpan(span, propagator.extract(Context.root(), request, HEADERS));
    }

    @Override
    public TraceSpan dispatch(String traceparent, long entryId, long taskId, int eventType) {
        SpanBuilder builder = tracer.spanBuilder("gme.callback inbox dispatch").setSpanKind(SpanKind.CONSUMER)
                .setNoParent().setAttribute(ENTRY_ID, entryId).setAttribute(TASK_ID, taskId)
                .setAttribute(EVENT_TYPE, (long) eventType);
        SpanContext accepted = parse(traceparent);
        if (accepted.isValid()) {
            builder.addLink(accepted);
        }
        return new OtelDispatchSpan(builder.startSpan());
    }

    @Override
    public Executor propagating(Executor executor) {
        return Context.taskWrapping(executor);
    }

    @Override
    public String toString() {
        return "OpenTelemetry";
    }

    /** A span's W3C {@code traceparent}: version, trace id, span id, flags. */
    static String format(SpanContext context) {
        return context.isValid() ? "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex() : null;
    }

    /** The span a journaled {@code traceparent} names; invalid for {@code null} or a malformed one. */
    static SpanContext parse(String traceparent) {
        if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
            return SpanContext.getInvalid();
        }
        return SpanContext.createFromRemoteParent(traceparent.substring(3, 35), traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53), TraceState.getDefault());
    }

    private static Activation activate(Span span) {
        Scope scope = span.makeCurrent();
        return scope::close;
    }

    /**
     * A request's span: the server's, or the receiver's own, which starts once it is known whether
     * the signature held.
     */
    private static final class OtelRequestSpan implements RequestSpan {

        /** The receiver's own span, not started yet; {@code null} for the server's. */
        private final SpanBuilder unstarted;
        /** The context the request's headers name: anyone's claim until the signature holds. */
        private final Context inbound;
        private Span span;

        /** The span the server made. */
        OtelRequestSpan(Span server) {
            this.unstarted = null;
            this.inbound = null;
            this.span = server;
        }

        /** The receiver's own span, started by {@link #verified()} or by its first use. */
        OtelRequestSpan(SpanBuilder unstarted, Context inbound) {
            this.unstarted = unstarted;
            this.inbound = inbound;
        }

        @Override
        public void verified() {
            if (span == null) {
                span = unstarted.setParent(inbound).startSpan();
            }
        }

        /** The span; a request still unverified gets a root span, linked to what it claims to continue. */
        private Span span() {
            if (span == null) {
                SpanContext claimed = Span.fromContext(inbound).getSpanContext();
                unstarted.setNoParent();
                if (claimed.isValid()) {
                    unstarted.addLink(claimed);
                }
                span = unstarted.startSpan();
            }
            return span;
        }

        @Override
        public void callback(long bizId, long taskId, int eventType) {
            Span named = span();
            named.setAttribute(BIZ_ID, bizId);
            named.setAttribute(TASK_ID, taskId);
            named.setAttribute(EVENT_TYPE, (long) eventType);
        }

        @Override
        public void claimed(long bizId) {
            span().setAttribute(BIZ_ID, bizId);
        }

        @Override
        public Activation activate() {
            return OtelTracing.activate(span());
        }

        @Override
        public String traceparent() {
            return format(span().getSpanContext());
        }

        @Override
        public void ended(RequestOutcome outcome, RefusalReason reason, int status) {
            Span answered = span();
            answered.setAttribute(OUTCOME, outcome.attribute());
            if (reason != null) {
                answered.setAttribute(REFUSAL_REASON, reason.name());
            }
            if (unstarted != null) {
                answered.setAttribute(STATUS, (long) status);
                if (status >= 500) {
                    answered.setStatus(StatusCode.ERROR);
                }
                answered.end();
            }
        }
    }

    /** An inbox dispatch's span. */
    private static final class OtelDispatchSpan implements TraceSpan {

        private final Span span;

        OtelDispatchSpan(Span span) {
            this.span = span;
        }

        @Override
        public Activation activate() {
            return OtelTracing.activate(span);
        }

        @Override
        public void ended(String outcome, boolean failed) {
            span.setAttribute(OUTCOME, outcome);
            if (failed) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
