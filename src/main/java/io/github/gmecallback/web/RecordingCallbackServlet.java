package io.github.gmecallback.web;

import io.github.gmecallback.binding.CallbackBinding;
import io.github.gmecallback.binding.CallbackReader;
import io.github.gmecallback.binding.MalformedCallbackException;
import io.github.gmecallback.dispatch.CallbackDispatcher;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RefusalReason;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The callback endpoint behind {@link SignatureFilter}: binds the verified body and fires it.
 *
 * <ul>
 * <li>a body that is not a valid callback: 400, the message naming the member;</li>
 * <li>a bound BizID other than the one whose keys verified the body: 401;</li>
 * <li>every synchronous observer returned: 200 {@code {"code":0}};</li>
 * <li>a synchronous observer threw: 500, and GME will retry.</li>
 * </ul>
 */
public class RecordingCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private transient CallbackReader reader;
    private transient CallbackDispatcher dispatcher;
    private transient Refusals refusals;

    @Override
    public void init() {
        // Looked up rather than injected, for the same reason as in SignatureFilter.
        CDI<Object> cdi = CDI.current();
        reader = cdi.select(CallbackBinding.class).get().reader();
        dispatcher = CallbackDispatcher.forCallingModule();
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
        RecordingCallback callback;
        try {
            callback = reader.read(body.bytes());
        } catch (MalformedCallbackException e) {
            refusals.refuse(request, response, RefusalReason.MALFORMED_BODY, e.getMessage());
            return;
        }
        if (!body.verifiedFor(callback)) {
            refusals.refuse(request, response, RefusalReason.BIZ_ID_MISMATCH,
                    "BizID is not the one the signature was verified for");
            return;
        }
        try {
            dispatcher.dispatch(callback);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "an observer failed; answering 500 so that GME retries TaskID "
                    + callback.taskId() + " (EventType " + callback.eventType() + ")");
            Answers.error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    "an observer failed; the callback was not accepted");
            return;
        }
        Answers.ok(response);
    }
}
