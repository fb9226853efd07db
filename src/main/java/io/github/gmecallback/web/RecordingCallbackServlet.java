package io.github.gmecallback.web;

import io.github.gmecallback.binding.CallbackReader;
import io.github.gmecallback.binding.MalformedCallbackException;
import io.github.gmecallback.binding.ReadableMembers;
import io.github.gmecallback.config.ReplayWindow;
import io.github.gmecallback.delivery.Answer;
import io.github.gmecallback.delivery.Delivery;
import io.github.gmecallback.jdbc.StatementTimeouts;
import io.github.gmecallback.receiver.Receiver;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RefusalReason;
import io.github.gmecallback.telemetry.Activation;
import io.github.gmecallback.telemetry.RequestTelemetry;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The callback endpoint behind {@link SignatureFilter}: binds the verified body, checks it, and
 * hands it to the delivery mode.
 *
 * <ul>
 * <li>a body that is not a valid callback: 400, the message naming the member;</li>
 * <li>a bound BizID other than the one whose keys verified the body: 401;</li>
 * <li>a {@code Timestamp} outside the replay window: 401, naming the bound;</li>
 * <li>anything else: the answer of the {@link Delivery} ({@code sync}: how the observers did;
 *     {@code inbox}: 200 once committed to the journal).</li>
 * </ul>
 *
 * <p>It starts with the application ({@code load-on-startup}).
 */
public class RecordingCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private transient CallbackReader reader;
    private transient ReadableMembers readable;
    private transient ReplayWindow window;
    private transient Clock clock;
    private transient Delivery delivery;
    private transient Refusals refusals;

    @Override
    public void init() {
        // Looked up rather than injected, for the same reason as in SignatureFilter.
        CDI<Object> cdi = CDI.current();
        Receiver receiver = cdi.select(Receiver.class).get();
        reader = receiver.binding().reader();
        readable = receiver.binding().readableMembers();
        window = receiver.settings().window();
        clock = receiver.replayClock();
        delivery = receiver.delivery();
        refusals = cdi.select(Refusals.class).get();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        VerifiedBody body = (VerifiedBody) request.getAttribute(VerifiedBody.ATTRIBUTE);
        if (body == null) {
            // Only a deployment that maps this servlet without its filter gets here.
            LOG.severe("RecordingCallbackServlet is mapped without SignatureFilter; refusing unverified callbacks");
            Answers.error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "the receiver is misconfigured");
            return;
        }
        RequestTelemetry telemetry = RequestTelemetry.of(request);
        RecordingCallback callback;
        try {
            callback = reader.read(body.bytes());
        } catch (MalformedCallbackException e) {
            // The signature held: what can be read of the body says which callback was refused.
            refusals.refuse(request, response, RefusalReason.MALFORMED_BODY, e.getMessage(), body.claimedBizId(),
                    readable.of(body.bytes()));
            return;
        }
        if (!body.verifiedFor(callback)) {
            refusals.refuse(request, response, RefusalReason.BIZ_ID_MISMATCH,
                    "BizID is not the one the signature was verified for", body.claimedBizId(), callback);
            return;
        }
        Optional<ReplayWindow.Crossing> outside = window.check(callback.timestamp(), clock.instant());
        if (outside.isPresent()) {
            refusals.refuse(request, response, outside.get().future() ? RefusalReason.TIMESTAMP_IN_FUTURE
                    : RefusalReason.TIMESTAMP_TOO_OLD, outside.get().message(), body.claimedBizId(), callback);
            return;
        }
        telemetry.callback(callback.bizId(), callback.taskId(), callback.eventType());
        Answer answer;
        // GME waits 5 s for the answer: the stores' statements get a bound well inside it.
        try (Activation active = telemetry.activate();
             StatementTimeouts.Scope waiting = StatementTimeouts.whileGmeWaits()) {
            answer = delivery.deliver(callback, body.bytes(), body.signature(), request.getRemoteAddr(),
                    telemetry.traceparent());
        }
        telemetry.answered(answer.outcome(), answer.status());
        if (answer.ok()) {
            Answers.ok(response);
        } else {
            Answers.error(response, answer.status(), answer.message());
        }
    }
}
