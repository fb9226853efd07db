package io.github.gmecallback.console;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.CallbackJournal;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.console.Html.Markup;
import io.github.gmecallback.journal.JournalQuery;
import io.github.gmecallback.ledger.RecordingLedger;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator console, under {@code gme.callback.console.path}: routes each request to a page
 * ({@link ConsolePages}) or to the JSON API ({@link ConsoleApi}), over {@link CallbackJournal}.
 *
 * <table>
 * <caption>Pages, under the console's path</caption>
 * <tr><th>route</th><th>what</th></tr>
 * <tr><td>{@code GET /}</td><td>callbacks, newest first, filtered and paged</td></tr>
 * <tr><td>{@code GET /entry/{id}}</td><td>one entry: fields, the body pretty-printed, attempts, last error</td></tr>
 * <tr><td>{@code GET /entry/{id}/replay}</td><td>the confirmation step of a replay</td></tr>
 * <tr><td>{@code POST /entry/{id}/replay}</td><td>the replay (CSRF token and same origin)</td></tr>
 * <tr><td>{@code GET /stats}</td><td>counters since start and the newest refusals</td></tr>
 * <tr><td>{@code GET /dead}, {@code POST /dead/replay}, {@code POST /inbox/pause}, ...</td><td>dead
 *     letters, bulk replay and pausing dispatch: {@link DispatchRoutes}</td></tr>
 * <tr><td>{@code GET /recordings}, {@code /recordings/{bizId}/{taskId}}, {@code /overdue}</td><td>the
 *     ledger of recording files: {@link RecordingRoutes}</td></tr>
 * <tr><td>{@code POST /logout}</td><td>the log-out (CSRF token as the form field or the header, and
 *     same origin), then to {@code /}: {@link ConsoleSessions}</td></tr>
 * </table>
 *
 * <p>Only users in the role {@value ConsoleInitializer#OPERATOR_ROLE} reach it: the receiver
 * registers it with that constraint, the hosting module's login configuration authenticates them,
 * and this servlet checks the role once more.
 */
public class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    private static final Pattern ENTRY = Pattern.compile("/entry/(\\d{1,18})(/replay)?");
    private static final Pattern API_ENTRY = Pattern.compile("/api/callbacks/(\\d{1,18})(/replay)?");

    private transient CallbackJournal journal;
    private transient RecordingRoutes recordings;
    private transient DispatchRoutes dispatch;

    @Override
    public void init() {
        journal = CDI.current().select(CallbackJournal.class).get();
        recordings = new RecordingRoutes(CDI.current().select(RecordingLedger.class).get(), journal);
        dispatch = new DispatchRoutes(journal);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (ConsoleSessions.fromUrl(request)) {
            ConsoleGuard.frameHeaders(response);
            fail(response, path(request), new Html.Frame(base(request), null, Markup.NONE),
                    HttpServletResponse.SC_FORBIDDEN,
                    "a session is carried by its cookie only, never by ;jsessionid= in the URL");
            return;
        }
        // The container's constraint keeps others out; this check holds even where a container
        // ignored a constraint added at start-up.
        if (!request.isUserInRole(ConsoleInitializer.OPERATOR_ROLE)) {
            if (request.getUserPrincipal() == null && !request.authenticate(response)) {
                return; // the login mechanism answered (the login page)
            }
            if (!request.isUserInRole(ConsoleInitializer.OPERATOR_ROLE)) {
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
        String path = path(request);
        String base = base(request);
        Html.Frame frame = new Html.Frame(base, token, path.startsWith("/api/") ? Markup.NONE
                : DispatchPages.banner(journal, base, token));
        try {
            Matcher entry = ENTRY.matcher(path);
            Matcher apiEntry = API_ENTRY.matcher(path);
            if (path.equals("/")) {
                JournalQuery query = ConsoleQuery.from(request);
                Html.page(response, frame, "Callbacks",
                        ConsolePages.list(request, base, query, journal.find(query)));
            } else if (path.equals("/console.css")) {
                Html.css(response);
            } else if (path.equals("/stats")) {
                Html.page(response, frame, "Counters", ConsolePages.stats(journal.counters()));
            } else if (entry.matches()) {
                long id = Long.parseLong(entry.group(1));
                JournalEntry found = journal.entry(id)
                        .orElseThrow(() -> new NoSuchElementException("the journal holds no entry " + id));
                Html.page(response, frame, "Entry " + id, ConsolePages.entry(base, found, journal.inFlight(id),
                        entry.group(2) != null, token, request.getParameter("replayed") != null));
            } else if (path.equals("/api/callbacks")) {
                ConsoleApi.callbacks(request, response, journal);
            } else if (apiEntry.matches() && apiEntry.group(2) == null) {
                ConsoleApi.entry(response, journal, Long.parseLong(apiEntry.group(1)));
            } else if (path.equals("/api/stats")) {
                ConsoleApi.stats(response, journal);
            } else if (!recordings.get(request, response, path, frame) && !dispatch.get(request, response, path, frame)) {
                fail(response, path, frame, 404, "no such page");
            }
        } catch (IllegalArgumentException e) {
            fail(response, path, frame, 400, e.getMessage());
        } catch (NoSuchElementException e) {
            fail(response, path, frame, 404, e.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.warning(() -> "console: the journal store is unavailable (" + e.getMessage() + ")");
            fail(response, path, frame, 503, "the journal store is unavailable");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String token = ConsoleGuard.headers(request, response);
        String path = path(request);
        String base = base(request);
        Html.Frame frame = new Html.Frame(base, token, path.startsWith("/api/") ? Markup.NONE
                : DispatchPages.banner(journal, base, token));
        Matcher entry = ENTRY.matcher(path);
        Matcher apiEntry = API_ENTRY.matcher(path);
        boolean api = apiEntry.matches() && apiEntry.group(2) != null;
        boolean logout = path.equals("/logout");
        boolean dispatching = DispatchRoutes.POSTS.contains(path);
        if (!api && !logout && !dispatching && !(entry.matches() && entry.group(2) != null)) {
            fail(response, path, frame, 405, "only a replay, a pause or resume of dispatch, or the log-out changes "
                    + "anything here");
            return;
        }
        String sent = request.getHeader(ConsoleGuard.HEADER);
        String refusal = ConsoleGuard.refusal(request, path.startsWith("/api/") || (logout && sent != null) ? sent
                : request.getParameter(ConsoleGuard.FIELD));
        String what = logout ? "the log-out" : dispatching ? "POST " + path : "a replay";
        if (refusal != null) {
            LOG.warning(() -> "console: refused " + what + " by " + request.getRemoteUser() + " from "
                    + request.getRemoteAddr() + ": " + refusal);
            fail(response, path, frame, 403, refusal);
            return;
        }
        if (logout) {
            String user = request.getRemoteUser();
            ConsoleSessions.logOut(request, response, base);
            LOG.info(() -> "console: " + user + " logged out");
            return;
        }
        if (dispatching) {
            dispatch.post(request, response, path, frame);
            return;
        }
        long id = Long.parseLong(api ? apiEntry.group(1) : entry.group(1));
        JournalEntry replay;
        try {
            replay = journal.replay(id);
        } catch (NoSuchElementException e) {
            fail(response, path, frame, 404, e.getMessage());
            return;
        } catch (IllegalStateException e) {
            fail(response, path, frame, 409, e.getMessage());
            return;
        } catch (StoreUnavailableException e) {
            fail(response, path, frame, 503, "the journal store is unavailable");
            return;
        }
        LOG.info(() -> "console: " + request.getRemoteUser() + " replayed entry " + id + " as entry " + replay.id()
                + " (" + replay.outcome() + ")");
        if (api) {
            ConsoleApi.replayed(response, replay);
        } else {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", base + "entry/" + replay.id() + "?replayed=" + id);
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getPathInfo() == null ? "/" : request.getPathInfo();
    }

    /** The console's own path, with a trailing slash. */
    private static String base(HttpServletRequest request) {
        return request.getContextPath() + request.getServletPath() + "/";
    }

    static void fail(HttpServletResponse response, String path, Html.Frame frame, int status,
            String message) throws IOException {
        if (path.startsWith("/api/")) {
            ConsoleApi.error(response, status, message);
            return;
        }
        response.setStatus(status);
        Html.page(response, frame, "Error " + status, Html.fill("<p>{{message}}</p>", "message", message));
    }
}
