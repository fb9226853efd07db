package io.github.gmecallback.web;

import io.github.gmecallback.dispatch.CallbackDispatcher;
import io.github.gmecallback.recording.CallbackRejected;
import io.github.gmecallback.recording.RefusalReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Refuses a request: answers with the reason's status and a message, logs it (rate-limited),
 * and fires {@link CallbackRejected} asynchronously. One per application, so the rate limit
 * counts every refusal the application sees.
 */
@ApplicationScoped
public class Refusals {

    private final RefusalLog log = new RefusalLog(Logger.getLogger("io.github.gmecallback"), Clock.systemUTC());

    /**
     * Answers a refused request, and tells the application's {@link CallbackRejected} observers.
     *
     * @param request      the refused request
     * @param response     its response, not yet committed
     * @param reason       why it is refused
     * @param message      what is wrong, in words safe to answer with
     * @param claimedBizId the BizID the body claims, when it was read
     * @param dispatcher   fires the {@code CallbackRejected} event
     * @throws IOException if the answer cannot be written
     */
    public void refuse(HttpServletRequest request, HttpServletResponse response, RefusalReason reason,
            String message, OptionalLong claimedBizId, CallbackDispatcher dispatcher) throws IOException {
        String remote = request.getRemoteAddr();
        log.refused(reason, message, remote);
        Answers.error(response, reason.status(), message);
        dispatcher.rejected(new CallbackRejected(Instant.now(), reason, reason.status(), remote, claimedBizId));
    }
}
