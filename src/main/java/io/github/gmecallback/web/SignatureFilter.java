package io.github.gmecallback.web;

import io.github.gmecallback.binding.ClaimedBizId;
import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.receiver.Receiver;
import io.github.gmecallback.recording.RefusalReason;
import io.github.gmecallback.signature.SignatureException;
import io.github.gmecallback.signature.SignatureVerifier;
import io.github.gmecallback.telemetry.RequestTelemetry;
import io.github.gmecallback.telemetry.Telemetry;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The gate before the callback servlet: only a POST whose body, read within the size limit,
 * carries a valid {@code Signature} passes, as a {@link VerifiedBody}.
 *
 * <p>Checks in the contract's order, the first failure answering:
 * <ol>
 * <li>a method other than POST: 405 with {@code Allow: POST};</li>
 * <li>no secret key configured at all: 503 (fail closed);</li>
 * <li>a {@code Content-Length} over {@code gme.callback.max-body-bytes}: 413 before reading, so
 *     a client that sent {@code Expect: 100-continue} is never invited to send the body; a
 *     chunked body is read up to the limit and cut off there; a body that ends early is 400, one
 *     that takes over {@link BodyReader#TIMEOUT_MILLIS} to arrive is 408;</li>
 * <li>a {@code Signature} missing, malformed, or matching none of the keys chosen for the
 *     claimed BizID: 401.</li>
 * </ol>
 * A body that has not arrived whole with the headers is read without holding a server thread
 * while it arrives ({@link BodyReader}), so slow clients cannot starve GME's callbacks of threads. Both filter and servlet must therefore
 * be {@code async-supported}; where another filter in the module is not, the body is read on
 * the request thread, and a WARNING says so once.
 *
 * <p>Registered by {@link ReceiverInitializer} (or our WAR's {@code web.xml}) for the callback
 * servlet only.
 */
public class SignatureFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** How long a client refused before its body was read has to read the answer. */
    private static final long ANSWER_READING_MILLIS = 1000;
    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private transient CallbackSettings settings;
    private transient SignatureVerifier verifier;
    private transient ClaimedBizId claimedBizId;
    private transient Refusals refusals;
    private transient BodyReader.Handler handler;
    private transient Telemetry telemetry;
    private final AtomicBoolean warnedOfBlockingReads = new AtomicBoolean();

    @Override
    public void init() {
        // Looked up rather than injected: the filter may live in an EAR's lib/ jar, where only
        // CDI.current() finds the application's beans on every server.
        CDI<Object> cdi = CDI.current();
        Receiver receiver = cdi.select(Receiver.class).get();
        settings = receiver.settings();
        verifier = new SignatureVerifier(settings.encoding());
        claimedBizId = receiver.binding().claimedBizId();
        refusals = cdi.select(Refusals.class).get();
        telemetry = receiver.telemetry();
        handler = new BodyReader.Handler() {
            @Override
            public boolean arrived(HttpServletRequest request, HttpServletResponse response, byte[] body)
                    throws IOException {
                return SignatureFilter.this.arrived(request, response, body);
            }

            @Override
            public void failed(HttpServletRequest request, HttpServletResponse response, BodyFault fault)
                    throws IOException {
                SignatureFilter.this.failed(request, response, fault);
            }
        };
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC
                && request.getAttribute(VerifiedBody.ATTRIBUTE) != null) {
            chain.doFilter(request, response); // back from BodyReader, for a mapping that includes ASYNC
            return;
        }
        // The request's clock and span, ended by whoever answers it (nothing at all without telemetry).
        RequestTelemetry measured = telemetry.request(request);
        if (measured != RequestTelemetry.NONE) {
            request.setAttribute(RequestTelemetry.ATTRIBUTE, measured);
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            refuse(request, response, RefusalReason.METHOD_NOT_ALLOWED, "only POST is allowed", OptionalLong.empty());
            return;
        }
        if (!settings.hasKeys()) {
            refuse(request, response, RefusalReason.NO_SECRET_KEY, "the receiver has no secret key configured",
                    OptionalLong.empty());
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > settings.maxBodyBytes()) {
            failed(request, response, BodyFault.TOO_LARGE);
            if (request.isAsyncSupported()) {
                response.flushBuffer();
                BodyReader.closeLater(request, ANSWER_READING_MILLIS);
            }
            return;
        }
        BodyBuffer body = new BodyBuffer(declared, settings.maxBodyBytes());
        ServletInputStream in = request.getInputStream();
        // GME's few hundred bytes usually arrive with the headers: read at once, they cannot block.
        boolean arrived = declared >= 0 && in.available() >= declared;
        if (!arrived && request.isAsyncSupported()) {
            BodyReader.start(request, response, body, handler);
            return;
        }
        if (!arrived) {
            warnOfBlockingReads();
        }
        BodyFault fault = readBlocking(in, body);
        if (fault != null) {
            failed(request, response, fault);
        } else if (arrived(request, response, body.bytes())) {
            chain.doFilter(request, response);
        }
    }

    /** Row 4: the signature over the whole body, with the keys of the BizID it claims. */
    private boolean arrived(HttpServletRequest request, HttpServletResponse response, byte[] body)
            throws IOException {
        OptionalLong claimed = claimedBizId.of(body);
        String signature;
        try {
            signature = signature(request);
            verifier.verify(body, signature, settings.keys().keysFor(claimed));
        } catch (SignatureException e) {
            refuse(request, response, reason(e.failure()), e.getMessage(), claimed);
            return false;
        }
        // Only now may the request's span join the trace its traceparent names.
        RequestTelemetry.of(request).verified();
        request.setAttribute(VerifiedBody.ATTRIBUTE, new VerifiedBody(body, claimed, signature));
        return true;
    }

    private void failed(HttpServletRequest request, HttpServletResponse response, BodyFault fault)
            throws IOException {
        // The unread rest of the body must not be taken for the next request on this connection.
        response.setHeader("Connection", "close");
        refuse(request, response, fault.reason(), fault.message(settings.maxBodyBytes()), OptionalLong.empty());
    }

    /**
     * Reads the body on this thread: one that has arrived whole, or any in a module where some
     * filter before ours cannot go asynchronous.
     *
     * @return the fault, or {@code null} when the whole body is in {@code body}
     */
    private static BodyFault readBlocking(InputStream in, BodyBuffer body) {
        byte[] chunk = new byte[8192];
        try (in) {
            for (int n; (n = in.read(chunk, 0, Math.min(chunk.length, body.room()))) > 0; ) {
                body.append(chunk, n);
                if (body.overLimit()) {
                    return BodyFault.TOO_LARGE;
                }
            }
        } catch (IOException e) {
            // Undertow may return fewer bytes or throw, Grizzly throws EOFException.
            return BodyFault.endedEarly(body.declaredLength());
        }
        return body.faultAtEnd();
    }

    private void warnOfBlockingReads() {
        if (warnedOfBlockingReads.compareAndSet(false, true)) {
            LOG.warning("a filter or servlet in this web module does not support async requests, so callback "
                    + "bodies are read on the request thread and slow clients can hold the server's worker "
                    + "threads; mark every filter mapped to the callback path <async-supported>true</async-supported>");
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RefusalReason reason,
            String message, OptionalLong claimedBizId) throws IOException {
        refusals.refuse(request, response, reason, message, claimedBizId);
    }

    /** The one {@code Signature} header; two are as good as a malformed one. */
    private static String signature(HttpServletRequest request) throws SignatureException {
        Enumeration<String> values = request.getHeaders("Signature");
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String value = values.nextElement();
        if (values.hasMoreElements()) {
            throw new SignatureException(SignatureException.Failure.MALFORMED);
        }
        return value;
    }

    private static RefusalReason reason(SignatureException.Failure failure) {
        return switch (failure) {
            case MISSING -> RefusalReason.SIGNATURE_MISSING;
            case MALFORMED -> RefusalReason.SIGNATURE_MALFORMED;
            case NO_KEY -> RefusalReason.NO_KEY_FOR_BIZ_ID;
            case MISMATCH -> RefusalReason.SIGNATURE_MISMATCH;
        };
    }
}
