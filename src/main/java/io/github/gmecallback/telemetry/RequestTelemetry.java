package io.github.gmecallback.telemetry;

import io.github.gmecallback.recording.RefusalReason;
import jakarta.servlet.ServletRequest;
import java.util.OptionalLong;

/**
 * One callback request's telemetry, from the moment {@code SignatureFilter} takes it to its
 * answer: its clock, and its span where the server traces. It travels with the request as the
 * attribute {@link #ATTRIBUTE}, so that whoever answers (a refusal in the filter, the servlet
 * after the delivery) ends it, once.
 */
public interface RequestTelemetry {

    /** The request attribute that holds it. */
    String ATTRIBUTE = RequestTelemetry.class.getName();

    /** Nothing is measured (no telemetry, or a request the filter never saw). */
    RequestTelemetry NONE = new RequestTelemetry() {
        @Override
        public void verified() {
        }

        @Override
        public void callback(long bizId, long taskId, int eventType) {
        }

        @Override
        public Activation activate() {
            return Activation.NONE;
        }

        @Override
        public String traceparent() {
            return null;
        }

        @Override
        public void answered(RequestOutcome outcome, int status) {
        }

        @Override
        public void refused(RefusalReason reason, OptionalLong bizId, OptionalLong taskId, Integer eventType) {
        }
    };

    /**
     * The request's telemetry.
     *
     * @param request a request
     * @return what the filter attached to it, or {@link #NONE}
     */
    static RequestTelemetry of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof RequestTelemetry telemetry ? telemetry : NONE;
    }

    /**
     * Says that the body's signature held, so that the request's span continues the trace its
     * {@code traceparent} names. Without this call the span is a root of its own, sampled by the
     * server's sampler, with that trace as a link: an unsigned request's header is anyone's claim.
     */
    void verified();

    /**
     * Names the callback the body was bound to, on the span.
     *
     * @param bizId     its BizID
     * @param taskId    its TaskID (on the span only, never a metric attribute)
     * @param eventType its EventType
     */
    void callback(long bizId, long taskId, int eventType);

    /**
     * Makes the request's span current on this thread, for the observers that run in it.
     *
     * @return what ends that
     */
    Activation activate();

    /**
     * The W3C {@code traceparent} of the request's span, for the journal.
     *
     * @return it, or {@code null} where nothing traces
     */
    String traceparent();

    /**
     * Ends the request with the delivery's answer: counted, timed, and its span ended.
     *
     * @param outcome what became of it
     * @param status  the HTTP status answered
     */
    void answered(RequestOutcome outcome, int status);

    /**
     * Ends the request as refused: counted by reason, timed, and its span ended.
     *
     * @param reason    why
     * @param bizId     the BizID the body claims, where read
     * @param taskId    the TaskID, where the signature held and it could be read
     * @param eventType the EventType, where the signature held and it could be read; or {@code null}
     */
    void refused(RefusalReason reason, OptionalLong bizId, OptionalLong taskId, Integer eventType);
}
