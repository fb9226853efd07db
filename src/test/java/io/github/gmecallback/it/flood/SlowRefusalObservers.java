package io.github.gmecallback.it.flood;

import io.github.gmecallback.recording.CallbackRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application's alerting on refusals that is slow (it mails, say): 100 ms per refusal of the
 * flood's BizID, until {@code POST /test/refusals/fast}; {@code GET} counts the refusals seen.
 */
@ApplicationScoped
public class SlowRefusalObservers {

    /** The BizID the flood claims. */
    public static final long FLOOD_BIZ_ID = 1399999999L;

    private static volatile boolean slow = true;
    private static final AtomicLong SEEN = new AtomicLong();

    void alert(@ObservesAsync CallbackRejected rejected) throws InterruptedException {
        SEEN.incrementAndGet();
        if (slow && rejected.claimedBizId().orElse(0) == FLOOD_BIZ_ID) {
            Thread.sleep(100);
        }
    }

    /** Turns the slowness off and reports how many refusals the observer saw. */
    @WebServlet("/test/refusals/*")
    public static class Control extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
            response.setContentType("text/plain");
            response.getWriter().print(SEEN.get());
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            slow = false;
            response.setStatus(204);
        }
    }
}
