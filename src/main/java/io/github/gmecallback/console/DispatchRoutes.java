package io.github.gmecallback.console;

import io.github.gmecallback.console.Html.Markup;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.BulkReplay;
import io.github.gmecallback.journal.CallbackJournal;
import io.github.gmecallback.journal.DispatchState;
import io.github.gmecallback.journal.JournalQuery;
import io.github.gmecallback.journal.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.logging.Logger;

/**
 * The console's routes of dead letters, bulk replay, and pausing {@code inbox} dispatch:
 * <table>
 * <caption>Routes, under the console's path</caption>
 * <tr><th>route</th><th>what</th></tr>
 * <tr><td>{@code GET dead?...}</td><td>the {@code DEAD} entries, filtered like the callbacks</td></tr>
 * <tr><td>{@code GET dead/replay?...}</td><td>the confirmation of <b>Replay all shown</b>, naming how many</td></tr>
 * <tr><td>{@code POST dead/replay?...}</td><td>replays them, each as a replay of its own, if as many
 *     match as the confirmation named (else it asks again)</td></tr>
 * <tr><td>{@code POST inbox/pause}, {@code POST inbox/resume}</td><td>pauses or resumes dispatch, cluster-wide</td></tr>
 * <tr><td>{@code POST api/callbacks/replay?...}</td><td>replays the dead letters the filters match, not
 *     replayed yet (at most {@value CallbackJournal#MAX_BULK_REPLAY}, the newest): {@code {"replayed":n,
 *     "alreadyReplayed":n,"more":bool,"entries":[...],"refused":[{"id":..,"reason":..}]}}</td></tr>
 * <tr><td>{@code GET api/inbox}, {@code POST api/inbox/pause}, {@code POST api/inbox/resume}</td>
 *     <td>the dispatch state: {@code {"paused":bool,"changed":..,"by":..}}</td></tr>
 * </table>
 * Every {@code POST} has passed {@link ConsoleGuard} (the session's token, a same-origin
 * {@code Origin}) before it gets here. Pausing in {@code sync} delivery is refused with 409.
 */
final class DispatchRoutes {

    /** The {@code POST} routes. */
    static final List<String> POSTS = List.of("/dead/replay", "/inbox/pause", "/inbox/resume",
            "/api/callbacks/replay", "/api/inbox/pause", "/api/inbox/resume");

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final CallbackJournal journal;

    DispatchRoutes(CallbackJournal journal) {
        this.journal = journal;
    }

    /** Answers a {@code GET} of its routes; {@code false} for any other path. */
    boolean get(HttpServletRequest request, HttpServletResponse response, String path, Html.Frame frame)
            throws IOException, StoreUnavailableException {
        String base = frame.base();
        switch (path) {
            case "/dead" -> {
                JournalQuery query = deadLetters(request);
                int count = journal.count(query, CallbackJournal.MAX_BULK_REPLAY);
                Markup notice = DispatchPages.replayed(request.getParameter("replayed"), request.getParameter("refused"),
                        request.getParameter("already"));
                Markup replayAll = count == 0 ? new Markup("<p>No dead entries match.</p>")
                        : Html.fill("<p>{{count}} dead {{entries}} match. <a href=\"{{href}}\">Replay all shown…</a></p>",
                                "count", count > CallbackJournal.MAX_BULK_REPLAY ? "More than "
                                        + CallbackJournal.MAX_BULK_REPLAY : count, "entries", count == 1 ? "entry" : "entries",
                                "href", base + "dead/replay?" + ConsolePages.filters(request));
                Html.page(response, frame, "Dead letters", new Markup(notice.html() + replayAll.html()
                        + ConsolePages.list(request, base, "dead", query, journal.find(query)).html()));
            }
            case "/dead/replay" -> {
                JournalQuery query = deadLetters(request);
                int count = journal.count(query, CallbackJournal.MAX_BULK_REPLAY);
                Html.page(response, frame, "Replay dead letters", DispatchPages.confirm(base, frame.token(),
                        Math.min(count, CallbackJournal.MAX_BULK_REPLAY), count > CallbackJournal.MAX_BULK_REPLAY,
                        ConsolePages.filters(request)));
            }
            case "/api/inbox" -> ConsoleApi.write(response, 200, state(journal.dispatchState()));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Answers a {@code POST} of {@link #POSTS}, its token and origin checked. */
    void post(HttpServletRequest request, HttpServletResponse response, String path, Html.Frame frame)
            throws IOException {
        String user = request.getRemoteUser();
        try {
            switch (path) {
                case "/dead/replay", "/api/callbacks/replay" -> {
                    boolean page = path.startsWith("/dead");
                    JournalQuery query = deadLetters(request);
                    if (page && !confirmedStill(request, response, frame, query)) {
                        return;
                    }
                    BulkReplay bulk = journal.replayAll(query, CallbackJournal.MAX_BULK_REPLAY);
                    LOG.info(() -> "console: " + user + " replayed " + bulk.replays().size() + " entries at once"
                            + (bulk.alreadyReplayed() == 0 ? "" : "; " + bulk.alreadyReplayed() + " were replayed already")
                            + (bulk.refused().isEmpty() ? "" : "; refused " + bulk.refused()));
                    if (page) {
                        redirect(response, frame.base() + "dead?" + ConsolePages.filters(request)
                                + "&replayed=" + bulk.replays().size() + "&refused=" + bulk.refused().size()
                                + "&already=" + bulk.alreadyReplayed());
                    } else {
                        ConsoleApi.write(response, 200, replayed(bulk));
                    }
                }
                default -> {
                    boolean pause = path.endsWith("/pause");
                    DispatchState state = pause ? journal.pause(user) : journal.resume(user);
                    if (path.startsWith("/api/")) {
                        ConsoleApi.write(response, 200, state(state));
                    } else {
                        redirect(response, back(request.getHeader("Referer"), frame.base()));
                    }
                }
            }
        } catch (IllegalStateException e) {
            ConsoleServlet.fail(response, path, frame, 409, e.getMessage());
        } catch (IllegalArgumentException e) {
            ConsoleServlet.fail(response, path, frame, 400, e.getMessage());
        } catch (StoreUnavailableException e) {
            ConsoleServlet.fail(response, path, frame, 503, "the journal store is unavailable");
        }
    }

    /** The dead letters a request's filters show: {@code DEAD} entries not replayed yet. */
    private static JournalQuery deadLetters(HttpServletRequest request) {
        return ConsoleQuery.from(request).outcome(Outcome.DEAD).replayed(false);
    }

    /**
     * Whether as many dead entries match as the operator confirmed ({@code confirmed}, from the
     * confirmation's form); if not (more died meanwhile, or a replay elsewhere), the confirmation
     * again, with the new number: a bulk replay never replays more than was named.
     */
    private boolean confirmedStill(HttpServletRequest request, HttpServletResponse response, Html.Frame frame,
            JournalQuery query) throws IOException, StoreUnavailableException {
        int count = journal.count(query, CallbackJournal.MAX_BULK_REPLAY);
        int shown = Math.min(count, CallbackJournal.MAX_BULK_REPLAY);
        // None left (the same confirmation sent again): nothing to replay, and the answer says why.
        if (shown == 0 || String.valueOf(shown).equals(request.getParameter(DispatchPages.CONFIRMED))) {
            return true;
        }
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        Html.page(response, frame, "Replay dead letters", new Markup("<p class=\"notice\">The number of dead entries "
                + "that match changed since the confirmation: confirm again.</p>" + DispatchPages.confirm(frame.base(),
                frame.token(), shown, count > shown, ConsolePages.filters(request)).html()));
        return false;
    }

    /** The console page a form was posted from (its path and query only, never another host), or the console. */
    private static String back(String referer, String base) {
        try {
            URI from = referer == null ? null : URI.create(referer);
            if (from != null && from.getRawPath() != null && from.getRawPath().startsWith(base)) {
                return from.getRawPath() + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery());
            }
        } catch (IllegalArgumentException e) {
            // not a URI: back to the console
        }
        return base;
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    private static JsonObject replayed(BulkReplay bulk) {
        JsonArrayBuilder entries = Json.createArrayBuilder();
        bulk.replays().forEach(replay -> entries.add(Json.createObjectBuilder().add("id", replay.id())
                .add("outcome", replay.outcome().name())));
        JsonArrayBuilder refused = Json.createArrayBuilder();
        bulk.refused().forEach((id, reason) -> refused.add(Json.createObjectBuilder().add("id", id).add("reason", reason)));
        return Json.createObjectBuilder().add("replayed", bulk.replays().size())
                .add("alreadyReplayed", bulk.alreadyReplayed()).add("more", bulk.more())
                .add("entries", entries).add("refused", refused).build();
    }

    private static JsonObject state(DispatchState state) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("paused", state.paused());
        if (state.changed() == null) {
            json.addNull("changed");
        } else {
            json.add("changed", state.changed().toString());
        }
        return (state.by() == null ? json.addNull("by") : json.add("by", state.by())).build();
    }
}
