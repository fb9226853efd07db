package io.github.gmecallback.it.ear;

import io.github.gmecallback.journal.CallbackJournal;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * In the EAR's unrelated web module (a bean archive, as a module that injects the journal is):
 * {@code GET /test/processed}, the number of callbacks processed as this module's
 * {@link CallbackJournal} counts them. The receiver runs in the host module; one receiver per
 * application means this module sees its counters.
 */
@WebServlet("/test/processed")
public class EarJournalServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    CallbackJournal journal;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(journal.counters().processed());
    }
}
