package io.github.gmecallback.journal;

import io.github.gmecallback.receiver.Receiver;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /test/journal-purge}: runs the application's hourly journal purge now and answers
 * how many entries it deleted. In the journal's package, beside the receiver's classes in the
 * same WAR, so that a test need not wait an hour for the schedule.
 */
@WebServlet("/test/journal-purge")
public class JournalPurgeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int purged = CDI.current().select(Receiver.class).get().journal().purge();
        response.setContentType("text/plain");
        response.getWriter().print(purged);
    }
}
