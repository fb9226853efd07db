package io.github.gmecallback.web;

import io.github.gmecallback.recording.RefusalReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Refuses a request: answers with the reason's status and a message, and logs it (rate-limited).
 * One per application, so the rate limit counts every refusal the application sees.
 */
@ApplicationScoped
public class Refusals {

    private final RefusalLog log = new RefusalLog(Logger.getLogger("io.github.gmecallback"), Clock.systemUTC());

    /**
     * Answers a refused request.
     *
     * @param request  the refused request
     * @param response its response, not yet committed
     * @param reason   why it is refused
     * @param message  what is wrong, in words safe to answer with
     * @throws IOException if the answer cannot be written
     */
    public void refuse(HttpServletRequest request, HttpServletResponse response, RefusalReason reason,
            String message) throws IOException {
        log.refused(reason, message, request.getRemoteAddr());
        Answers.error(response, reason.status(), message);
    }
}
