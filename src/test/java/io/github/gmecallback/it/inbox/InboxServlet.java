package io.github.gmecallback.it.inbox;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /test/inbox}: what {@link InboxObservers} noted, a line each;
 * {@code POST /test/inbox/open}: opens the gate; {@code POST /test/inbox/mend}: mends the broken
 * observer.
 */
@WebServlet("/test/inbox/*")
public class InboxServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    InboxObservers observers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write((String.join("\n", observers.seen()) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        if ("/mend".equals(request.getPathInfo())) {
            observers.mend();
        } else {
            observers.open();
        }
        response.setStatus(204);
    }
}
