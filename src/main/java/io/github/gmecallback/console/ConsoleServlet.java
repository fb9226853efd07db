package io.github.gmecallback.console;

import static io.github.gmecallback.console.Html.escape;

import io.github.gmecallback.journal.CallbackJournal;
import io.github.gmecallback.journal.JournalCounters;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.JournalPage;
import io.github.gmecallback.journal.JournalQuery;
import io.github.gmecallback.journal.JournalUnavailableException;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.journal.RefusalRecord;
import io.github.gmecallback.web.ReceiverInitializer;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator console, under {@code gme.callback.console.path}: server-rendered pages over
 * {@link CallbackJournal}, and the same as JSON under {@code api/}.
 *
 * <table>
 * <caption>Routes, under the console's path</caption>
 * <tr><th>route</th><th>what</th></tr>
 * <tr><td>{@code GET /}</td><td>callbacks, newest first, filtered and paged</td></tr>
 * <tr><td>{@code GET /entry/{id}}</td><td>one entry: fields, the body pretty-printed, attempts, last error</td></tr>
 * <tr><td>{@code GET /entry/{id}/replay}</td><td>the confirmation step of a replay</td></tr>
 * <tr><td>{@code POST /entry/{id}/replay}</td><td>the replay (CSRF token and same origin)</td></tr>
 * <tr><td>{@code GET /stats}</td><td>counters since start and the newest refusals</td></tr>
 * <tr><td>{@code GET /api/callbacks?...}</td><td>a page of entries, as JSON</td></tr>
 * <tr><td>{@code GET /api/callbacks/{id}}</td><td>one entry with its body, as JSON</td></tr>
 * <tr><td>{@code POST /api/callbacks/{id}/replay}</td><td>a replay ({@code X-CSRF-Token} and same origin)</td></tr>
 * <tr><td>{@code GET /api/stats}</td><td>the counters, as JSON</td></tr>
 * </table>
 *
 * <p>Only users in the role {@code gme-operator} reach it: the receiver registers it with that
 * constraint, and the hosting module's login configuration authenticates them.
 */
public class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    private static final Pattern ENTRY = Pattern.compile("/entry/(\\d{1,18})(/replay)?");
    private static final Pattern API_ENTRY = Pattern.compile("/api/callbacks/(\\d{1,18})(/replay)?");

    private transient CallbackJournal journal;

    @Override
    public void init() {
        journal = CDI.current().select(CallbackJournal.class).get();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws jakarta.servlet.ServletException, IOException {
        // The container's constraint keeps others out; this check holds even where a container
        // ignored a constraint added at start-up.
        if (!request.isUserInRole(ReceiverInitializer.OPERATOR_ROLE)) {
            if (request.getUserPrincipal() == null && !request.authenticate(response)) {
                return; // the login mechanism answered (the login page)
            }
            if (!request.isUserInRole(ReceiverInitializer.OPERATOR_ROLE)) {
                ConsoleGuard.frameHeaders(response);
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
        }
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = ConsoleGuard.headers(request, response);
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String base = request.getContextPath() + request.getServletPath() + "/";
        try {
            Matcher entry = ENTRY.matcher(path);
            Matcher apiEntry = API_ENTRY.matcher(path);
            if (path.equals("/")) {
                listPage(request, response, base);
            } else if (path.equals("/console.css")) {
                Html.css(response);
            } else if (path.equals("/stats")) {
                statsPage(response, base);
            } else if (entry.matches()) {
                entryPage(response, base, Long.parseLong(entry.group(1)), entry.group(2) != null, token,
                        request.getParameter("replayed") != null);
            } else if (path.equals("/api/callbacks")) {
                json(response, 200, ConsoleJson.page(journal.find(ConsoleQuery.from(request))));
            } else if (apiEntry.matches() && apiEntry.group(2) == null) {
                JournalEntry found = journal.entry(Long.parseLong(apiEntry.group(1)))
                        .orElseThrow(() -> new NoSuchElementException("the journal holds no entry " + apiEntry.group(1)));
                json(response, 200, ConsoleJson.entry(found, true));
            } else if (path.equals("/api/stats")) {
                json(response, 200, ConsoleJson.counters(journal.counters()));
            } else {
                fail(response, path, base, 404, "no such page");
            }
        } catch (IllegalArgumentException e) {
            fail(response, path, base, 400, e.getMessage());
        } catch (NoSuchElementException e) {
            fail(response, path, base, 404, e.getMessage());
        } catch (JournalUnavailableException e) {
            LOG.warning(() -> "console: the journal store is unavailable (" + e.getMessage() + ")");
            fail(response, path, base, 503, "the journal store is unavailable");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleGuard.headers(request, response);
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String base = request.getContextPath() + request.getServletPath() + "/";
        Matcher entry = ENTRY.matcher(path);
        Matcher apiEntry = API_ENTRY.matcher(path);
        boolean api = apiEntry.matches() && apiEntry.group(2) != null;
        if (!api && !(entry.matches() && entry.group(2) != null)) {
            fail(response, path, base, 405, "only a replay changes anything here");
            return;
        }
        String refusal = ConsoleGuard.refusal(request, api ? request.getHeader(ConsoleGuard.HEADER)
                : request.getParameter(ConsoleGuard.FIELD));
        if (refusal != null) {
            LOG.warning(() -> "console: refused a replay by " + request.getRemoteUser() + " from "
                    + request.getRemoteAddr() + ": " + refusal);
            fail(response, path, base, 403, refusal);
            return;
        }
        long id = Long.parseLong(api ? apiEntry.group(1) : entry.group(1));
        JournalEntry replay;
        try {
            replay = journal.replay(id);
        } catch (NoSuchElementException e) {
            fail(response, path, base, 404, e.getMessage());
            return;
        } catch (IllegalStateException e) {
            fail(response, path, base, 409, e.getMessage());
            return;
        } catch (JournalUnavailableException e) {
            fail(response, path, base, 503, "the journal store is unavailable");
            return;
        }
        LOG.info(() -> "console: " + request.getRemoteUser() + " replayed entry " + id + " as entry " + replay.id()
                + " (" + replay.outcome() + ")");
        if (api) {
            json(response, 200, ConsoleJson.entry(replay, false));
        } else {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", base + "entry/" + replay.id() + "?replayed=" + id);
        }
    }

    private void listPage(HttpServletRequest request, HttpServletResponse response, String base) throws IOException {
        JournalQuery query = ConsoleQuery.from(request);
        JournalPage page = journal.find(query);
        StringBuilder body = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"")
                .append(escape(base)).append("\">");
        for (String name : List.of("taskId", "userId", "roomId", "bizId", "eventType")) {
            body.append("<label>").append(name).append("<input name=\"").append(name).append("\" value=\"")
                    .append(escape(request.getParameter(name))).append("\" size=\"")
                    .append(name.equals("taskId") ? 20 : 10).append("\"></label>");
        }
        body.append("<label>outcome<select name=\"outcome\"><option value=\"\">any</option>");
        for (Outcome outcome : Outcome.values()) {
            body.append("<option").append(outcome.name().equals(request.getParameter("outcome")) ? " selected" : "")
                    .append(">").append(outcome.name()).append("</option>");
        }
        body.append("</select></label>");
        for (String name : List.of("from", "to")) {
            body.append("<label>").append(name).append(" (UTC)<input type=\"datetime-local\" name=\"").append(name)
                    .append("\" value=\"").append(escape(request.getParameter(name))).append("\"></label>");
        }
        body.append("<button type=\"submit\">Filter</button></form>");
        body.append("<table><thead><tr><th>id</th><th>received (UTC)</th><th>TaskID</th><th>EventType</th>"
                + "<th>UserID</th><th>RoomID</th><th>BizID</th><th>outcome</th><th>attempts</th><th>replay</th>"
                + "</tr></thead><tbody>");
        for (JournalEntry entry : page.entries()) {
            body.append("<tr><td class=\"num\"><a href=\"").append(escape(base)).append("entry/").append(entry.id())
                    .append("\">").append(entry.id()).append("</a></td><td>").append(escape(entry.receivedAt()))
                    .append("</td><td class=\"num\">").append(entry.taskId()).append("</td><td>")
                    .append(entry.eventType()).append("</td><td>").append(escape(entry.userId())).append("</td><td>")
                    .append(escape(entry.roomId())).append("</td><td class=\"num\">").append(entry.bizId())
                    .append("</td><td class=\"outcome ").append(entry.outcome()).append("\">").append(entry.outcome())
                    .append("</td><td class=\"num\">").append(entry.attempts()).append("</td><td>")
                    .append(entry.replay() ? "yes" : "").append("</td></tr>");
        }
        if (page.entries().isEmpty()) {
            body.append("<tr><td colspan=\"10\">No callbacks match.</td></tr>");
        }
        body.append("</tbody></table><div class=\"pager\">");
        if (query.page() > 0) {
            body.append("<a href=\"").append(escape(base + "?" + pageQuery(request, query.page() - 1)))
                    .append("\">&larr; newer</a>");
        }
        body.append("<span>page ").append(query.page() + 1).append("</span>");
        if (page.hasMore()) {
            body.append("<a href=\"").append(escape(base + "?" + pageQuery(request, query.page() + 1)))
                    .append("\">older &rarr;</a>");
        }
        body.append("</div>");
        Html.page(response, base, "Callbacks", body.toString());
    }

    private static String pageQuery(HttpServletRequest request, int page) {
        StringBuilder query = new StringBuilder();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("page") && values.length > 0 && !values[0].isBlank()) {
                query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(values[0], StandardCharsets.UTF_8)).append('&');
            }
        });
        return query.append("page=").append(page).toString();
    }

    private void entryPage(HttpServletResponse response, String base, long id, boolean confirm, String token,
            boolean replayed) throws IOException {
        Optional<JournalEntry> found = journal.entry(id);
        if (found.isEmpty()) {
            throw new NoSuchElementException("the journal holds no entry " + id);
        }
        JournalEntry entry = found.get();
        StringBuilder body = new StringBuilder();
        if (replayed) {
            body.append("<p class=\"notice\">Replayed: this is the replay's own entry.</p>");
        }
        if (confirm) {
            body.append("<p class=\"notice\">Replay entry ").append(id).append(" (TaskID ").append(entry.taskId())
                    .append(", EventType ").append(entry.eventType()).append(")? Its body is delivered to the ")
                    .append("observers again, past the dedupe store, and journaled as a replay.</p>")
                    .append("<form method=\"post\" action=\"").append(escape(base)).append("entry/").append(id)
                    .append("/replay\"><input type=\"hidden\" name=\"").append(ConsoleGuard.FIELD)
                    .append("\" value=\"").append(escape(token)).append("\">")
                    .append("<button class=\"danger\" type=\"submit\">Replay it</button> <a href=\"")
                    .append(escape(base)).append("entry/").append(id).append("\">Cancel</a></form>");
        }
        body.append("<dl>");
        field(body, "received (UTC)", entry.receivedAt());
        field(body, "from", entry.remoteAddress());
        field(body, "BizID", entry.bizId());
        field(body, "TaskID", entry.taskId());
        field(body, "RecordMode", entry.recordMode());
        field(body, "UserID", entry.userId());
        field(body, "EventType", entry.eventType());
        field(body, "SeqNo", entry.seqNo());
        field(body, "RoomID", entry.roomId());
        body.append("<dt>outcome</dt><dd class=\"outcome ").append(entry.outcome()).append("\">")
                .append(entry.outcome()).append("</dd>");
        field(body, "attempts", entry.attempts());
        field(body, "last error", entry.lastError() == null ? "none" : entry.lastError());
        field(body, "replay", entry.replay() ? "yes" : "no");
        body.append("</dl><h2>Body, as signed</h2><pre>").append(escape(ConsoleJson.pretty(entry.body())))
                .append("</pre>");
        if (!confirm) {
            body.append("<p><a href=\"").append(escape(base)).append("entry/").append(id)
                    .append("/replay\">Replay&hellip;</a></p>");
        }
        Html.page(response, base, "Entry " + id, body.toString());
    }

    private static void field(StringBuilder body, String name, Object value) {
        body.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }

    private void statsPage(HttpServletResponse response, String base) throws IOException {
        JournalCounters counters = journal.counters();
        StringBuilder body = new StringBuilder("<table><tbody>");
        row(body, "processed", counters.processed());
        row(body, "duplicates", counters.duplicates());
        row(body, "failed", counters.failed());
        row(body, "dead", counters.dead());
        row(body, "store unavailable (503)", counters.storeUnavailable());
        counters.refused().forEach((reason, count) -> row(body, "refused: " + reason.label(), count));
        body.append("</tbody></table><h2>Newest refusals</h2><table><thead><tr><th>at (UTC)</th><th>reason</th>"
                + "<th>status</th><th>from</th><th>claimed BizID</th><th>TaskID</th><th>UserID</th>"
                + "<th>EventType</th></tr></thead><tbody>");
        for (RefusalRecord refusal : counters.newestRefusals()) {
            body.append("<tr><td>").append(escape(refusal.at())).append("</td><td>")
                    .append(escape(refusal.reason().label())).append("</td><td>").append(refusal.status())
                    .append("</td><td>").append(escape(refusal.remoteAddress())).append("</td><td>")
                    .append(refusal.claimedBizId().isPresent() ? refusal.claimedBizId().getAsLong() : "")
                    .append("</td><td>").append(refusal.taskId().isPresent() ? refusal.taskId().getAsLong() : "")
                    .append("</td><td>").append(escape(refusal.userId())).append("</td><td>")
                    .append(refusal.eventType() == null ? "" : refusal.eventType()).append("</td></tr>");
        }
        if (counters.newestRefusals().isEmpty()) {
            body.append("<tr><td colspan=\"8\">None since the server started.</td></tr>");
        }
        body.append("</tbody></table><p>Counters and refusals are this server's, since it started.</p>");
        Html.page(response, base, "Counters", body.toString());
    }

    private static void row(StringBuilder body, String name, long value) {
        body.append("<tr><th>").append(escape(name)).append("</th><td class=\"num\">").append(value)
                .append("</td></tr>");
    }

    private static void json(HttpServletResponse response, int status, JsonObject json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void fail(HttpServletResponse response, String path, String base, int status, String message)
            throws IOException {
        if (path.startsWith("/api/")) {
            json(response, status, ConsoleJson.error(status, message));
            return;
        }
        response.setStatus(status);
        Html.page(response, base, "Error " + status, "<p>" + escape(message) + "</p>");
    }
}
