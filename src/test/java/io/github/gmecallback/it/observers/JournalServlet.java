package io.github.gmecallback.it.observers;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.CallbackJournal;
import io.github.gmecallback.journal.JournalCounters;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.JournalQuery;
import io.github.gmecallback.journal.RefusalRecord;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Lets a test read the journal over HTTP, as an application's own page would through
 * {@link CallbackJournal}:
 * <ul>
 * <li>{@code GET /test/journal?taskId=N} (without {@code taskId}: every entry): one line per
 *     entry, newest first:
 *     {@code <id> <outcome> <attempts> <replay> <base64 body> <last error>};</li>
 * <li>{@code GET /test/journal/repeats?taskId=N}: {@code <id> <repeats>} per entry, newest first;</li>
 * <li>{@code GET /test/journal/counters}: {@code processed duplicates failed}, then one line per
 *     refusal reason with a count, then the newest refusals;</li>
 * <li>{@code POST /test/journal/replay?id=N}: replays an entry, answers the replay's line.</li>
 * </ul>
 */
@WebServlet("/test/journal/*")
public class JournalServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    CallbackJournal journal;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        StringBuilder out = new StringBuilder();
        if ("/counters".equals(request.getPathInfo())) {
            JournalCounters counters = journal.counters();
            out.append(counters.processed()).append(' ').append(counters.duplicates()).append(' ')
                    .append(counters.failed()).append('\n');
            counters.refused().forEach((reason, count) -> {
                if (count > 0) {
                    out.append("refused ").append(reason.label()).append(' ').append(count).append('\n');
                }
            });
            for (RefusalRecord refusal : counters.newestRefusals()) {
                out.append("newest ").append(refusal).append('\n');
            }
        } else {
            String taskId = request.getParameter("taskId");
            JournalQuery query = taskId == null ? JournalQuery.all() : JournalQuery.all().taskId(Long.parseLong(taskId));
            try {
                boolean repeats = "/repeats".equals(request.getPathInfo());
                journal.find(query).entries().forEach(entry -> out.append(repeats
                        ? entry.id() + " " + entry.history().repeats() : line(entry)).append('\n'));
            } catch (StoreUnavailableException e) {
                throw new ServletException(e);
            }
        }
        write(response, out.toString());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        try {
            write(response, line(journal.replay(Long.parseLong(request.getParameter("id")))) + "\n");
        } catch (IllegalStateException refused) {
            // As the console's API answers it.
            response.setStatus(409);
            write(response, refused.getMessage() + "\n");
        } catch (StoreUnavailableException e) {
            throw new ServletException(e);
        }
    }

    private static String line(JournalEntry entry) {
        return entry.id() + " " + entry.outcome() + " " + entry.attempts() + " " + entry.replay() + " "
                + Base64.getEncoder().encodeToString(entry.body()) + " " + entry.lastError();
    }

    private static void write(HttpServletResponse response, String text) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
