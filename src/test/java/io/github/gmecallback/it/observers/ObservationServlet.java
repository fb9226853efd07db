package io.github.gmecallback.it.observers;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Lets a test read, over HTTP, what {@link RecordingObservers} saw: one line each. */
@WebServlet("/test/observations")
public class ObservationServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    RecordingObservers observers;

    /** Forgets what was seen, so that a memory measurement counts the receiver only. */
    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
        observers.forget();
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        StringBuilder out = new StringBuilder();
        observers.seen().forEach(line -> out.append(line).append('\n'));
        response.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
