package io.github.gmecallback.console;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.CallbackJournal;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.JournalQuery;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.ledger.RecordingLedger;
import io.github.gmecallback.ledger.RecordingPage;
import io.github.gmecallback.ledger.RecordingQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's routes over the ledger of recording files, pages and API:
 * <table>
 * <caption>Routes, under the console's path</caption>
 * <tr><th>route</th><th>what</th></tr>
 * <tr><td>{@code GET recordings?...}</td><td>tasks, newest first ({@link RecordingParams})</td></tr>
 * <tr><td>{@code GET recordings/{bizId}/{taskId}}</td><td>the task's files per stream (at most
 *     {@value RecordingLedger#MAX_TASK_FILES}, and said so where it has more)</td></tr>
 * <tr><td>{@code GET overdue?page=&size=}</td><td>the overdue files, newest first</td></tr>
 * <tr><td>{@code GET api/recordings?...}, {@code GET api/recordings/{bizId}/{taskId}},
 *     {@code GET api/overdue}</td><td>the same as JSON ({@link RecordingJson})</td></tr>
 * </table>
 */
final class RecordingRoutes {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    private static final Pattern TASK = Pattern.compile("(/api)?/recordings/(-?\\d{1,19})/(-?\\d{1,19})");

    private final RecordingLedger ledger;
    private final CallbackJournal journal;

    RecordingRoutes(RecordingLedger ledger, CallbackJournal journal) {
        this.ledger = ledger;
        this.journal = journal;
    }

    /**
     * Answers a {@code GET} of one of its routes.
     *
     * @return {@code false} when the path is none of its routes
     * @throws IllegalArgumentException for a malformed parameter (400)
     * @throws NoSuchElementException   for a task the ledger knows no file of, in the API (404)
     */
    boolean get(HttpServletRequest request, HttpServletResponse response, String path, Html.Frame frame)
            throws IOException {
        String base = frame.base();
        Matcher task = TASK.matcher(path);
        boolean api = path.startsWith("/api/");
        if (!task.matches() && !List.of("/recordings", "/overdue", "/api/recordings", "/api/overdue").contains(path)) {
            return false;
        }
        try {
            if (task.matches()) {
                task(response, frame, api, Long.parseLong(task.group(2)), Long.parseLong(task.group(3)));
            } else if (path.endsWith("/recordings")) {
                RecordingQuery query = RecordingParams.from(request::getParameter);
                if (api) {
                    ConsoleApi.write(response, 200, RecordingJson.tasks(ledger.tasks(query)));
                } else {
                    Html.page(response, frame, "Recordings", ledger.enabled()
                            ? RecordingPages.tasks(request, base, query, ledger.tasks(query)) : RecordingPages.OFF);
                }
            } else {
                RecordingQuery query = RecordingParams.from(request::getParameter).overdueOnly(true);
                if (api) {
                    ConsoleApi.write(response, 200, RecordingJson.files(ledger.find(query)));
                } else {
                    Html.page(response, frame, "Overdue files", ledger.enabled()
                            ? RecordingPages.overdue(request, base, query, ledger.find(query)) : RecordingPages.OFF);
                }
            }
        } catch (StoreUnavailableException e) {
            LOG.warning(() -> "console: the recording ledger is unavailable (" + e.getMessage() + ")");
            ConsoleServlet.fail(response, path, frame, 503, "the recording ledger is unavailable");
        }
        return true;
    }

    private void task(HttpServletResponse response, Html.Frame frame, boolean api, long bizId, long taskId)
            throws IOException, StoreUnavailableException {
        String base = frame.base();
        RecordingPage files = ledger.taskFiles(bizId, taskId);
        if (api) {
            if (files.files().isEmpty()) {
                throw new NoSuchElementException("the ledger knows no file of task " + taskId + " of BizID " + bizId);
            }
            ConsoleApi.write(response, 200, RecordingJson.task(bizId, taskId, files));
            return;
        }
        Html.page(response, frame, "Task " + taskId, ledger.enabled()
                ? RecordingPages.task(base, bizId, taskId, files, entries(bizId, taskId)) : RecordingPages.OFF);
    }

    /**
     * The journal entry of each callback of the task that was processed, the first where the
     * journal holds several: one query, at most a page of 500 (a task's callbacks, three per file).
     */
    private Map<String, Long> entries(long bizId, long taskId) {
        Map<String, Long> entries = new HashMap<>();
        try {
            List<JournalEntry> found = journal.find(JournalQuery.all().bizId(bizId).taskId(taskId)
                    .outcome(Outcome.PROCESSED).page(0, JournalQuery.MAX_PAGE_SIZE)).entries();
            for (JournalEntry entry : found) { // newest first: the oldest one of a key is put last
                entries.put(RecordingPages.key(entry.recordMode(), entry.userId(), entry.seqNo(), entry.eventType()),
                        entry.id());
            }
        } catch (StoreUnavailableException e) {
            LOG.fine(() -> "console: no journal links on the task page: " + e.getMessage());
        }
        return entries;
    }
}
