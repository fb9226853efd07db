package io.github.gmecallback.web;

import io.github.gmecallback.binding.CallbackBinding;
import io.github.gmecallback.binding.ClaimedBizId;
import io.github.gmecallback.config.CallbackConfiguration;
import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.dispatch.CallbackDispatcher;
import io.github.gmecallback.recording.RefusalReason;
import io.github.gmecallback.signature.SignatureException;
import io.github.gmecallback.signature.SignatureVerifier;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.OptionalLong;

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
 *     chunked body is read up to the limit and cut off there;</li>
 * <li>a {@code Signature} missing, malformed, or matching none of the keys chosen for the
 *     claimed BizID: 401.</li>
 * </ol>
 * Registered by {@link ReceiverInitializer} (or our WAR's {@code web.xml}) for the callback
 * servlet only.
 */
public class SignatureFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private transient CallbackSettings settings;
    private transient SignatureVerifier verifier;
    private transient ClaimedBizId claimedBizId;
    private transient Refusals refusals;
    private transient CallbackDispatcher dispatcher;

    @Override
    public void init() {
        // Looked up rather than injected: the filter may live in an EAR's lib/ jar, where only
        // CDI.current() finds the application's beans on every server.
        CDI<Object> cdi = CDI.current();
        settings = cdi.select(CallbackConfiguration.class).get().settings();
        verifier = new SignatureVerifier(settings.encoding());
        claimedBizId = cdi.select(CallbackBinding.class).get().claimedBizId();
        refusals = cdi.select(Refusals.class).get();
        dispatcher = CallbackDispatcher.forCallingModule();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
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
        byte[] body = readBody(request, response);
        if (body == null) {
            return;
        }
        OptionalLong claimed = claimedBizId.of(body);
        try {
            verifier.verify(body, signature(request), settings.keys().keysFor(claimed));
        } catch (SignatureException e) {
            refuse(request, response, reason(e.failure()), e.getMessage(), claimed);
            return;
        }
        request.setAttribute(VerifiedBody.ATTRIBUTE, new VerifiedBody(body, claimed));
        chain.doFilter(request, response);
    }

    /** The body, or {@code null} when the request has been refused. */
    private byte[] readBody(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int limit = settings.maxBodyBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            return tooLarge(request, response);
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0) {
                byte[] body = in.readNBytes((int) declared);
                if (body.length < declared) {
                    return shorterThanDeclared(request, response);
                }
                return body;
            }
            // Chunked: read one byte past the limit to learn that it is exceeded, no further.
            ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, 8192));
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - body.size()))) > 0; ) {
                body.write(buffer, 0, n);
                if (body.size() > limit) {
                    return tooLarge(request, response);
                }
            }
            return body.toByteArray();
        } catch (IOException e) {
            if (response.isCommitted()) {
                throw e; // the refusal above was answered; writing it failed
            }
            // The client ended the body early. Undertow may return fewer bytes or throw, Grizzly
            // throws EOFException; either way it is a refusal, answered in JSON like any other.
            if (declared >= 0) {
                return shorterThanDeclared(request, response);
            }
            refuse(request, response, RefusalReason.MALFORMED_BODY, "the body ended before its last chunk",
                    OptionalLong.empty());
            return null;
        }
    }

    private byte[] shorterThanDeclared(HttpServletRequest request, HttpServletResponse response) throws IOException {
        refuse(request, response, RefusalReason.MALFORMED_BODY, "the body is shorter than its Content-Length",
                OptionalLong.empty());
        return null;
    }

    private byte[] tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The unread rest of the body must not be taken for the next request on this connection.
        response.setHeader("Connection", "close");
        refuse(request, response, RefusalReason.BODY_TOO_LARGE,
                "the body is larger than " + settings.maxBodyBytes() + " bytes", OptionalLong.empty());
        return null;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RefusalReason reason,
            String message, OptionalLong claimedBizId) throws IOException {
        refusals.refuse(request, response, reason, message, claimedBizId, dispatcher);
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
