package io.github.gmecallback.console;

import io.github.gmecallback.console.Html.Markup;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.CallbackJournal;
import io.github.gmecallback.journal.DispatchState;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.JournalQuery;
import io.github.gmecallback.journal.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.logging.Logger;

/**
 * The console's routes of dead letters, bulk replay, and pausing {@code inbox} dispatch:
 * <table>
 * <caption>Routes, under the console's path</caption>
 * <tr><th>route</th><th>what</th></tr>
 * <tr><td>{@code GET dead?...}</td><td>the {@code DEAD} entries, filtered like the callbacks</td></tr>
 * <tr><td>{@code GET dead/replay?...}</td><td>the confirmation of <b>Replay all shown</b>, naming how many</td></tr>
 * <tr><td>{@code POST dead/replay?...}</td><td>replays them, each as a replay of its own</td></tr>
 * <tr><td>{@code POST inbox/pause}, {@code POST inbox/resume}</td><td>pauses or resumes dispatch, cluster-wide</td></tr>
 * <tr><td>{@code POST api/callbacks/replay?...}</td><td>replays every entry the filters match (at most
 *     {@value CallbackJournal#MAX_BULK_REPLAY}, the newest): {@code {"replayed":n,"more":bool,"entries":[...]}}</td></tr>
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
                JournalQuery query = ConsoleQuery.from(request).outcome(Outcome.DEAD);
                int count = journal.count(query, CallbackJournal.MAX_BULK_REPLAY);
                String replayed = request.getParameter("replayed");
                Markup notice = replayed == null || !replayed.matches("\\d{1,4}") ? Markup.NONE
                        : Html.fill("<p class=\"notice\">Replayed {{n}}: each is an entry of its own, marked as a "
                                + "replay; the dead entries stay as they were.</p>", "n", replayed);
                Markup replayAll = count == 0 ? new Markup("<p>No dead entries match.</p>")
                        : Html.fill("<p>{{count}} dead {{entries}} match. <a href=\"{{href}}\">Replay all shown…</a></p>",
                                "count", count > CallbackJournal.MAX_BULK_REPLAY ? "More than "
                                        + CallbackJournal.MAX_BULK_REPLAY : count, "entries", count == 1 ? "entry" : "entries",
                                "href", base + "dead/replay?" + ConsolePages.filters(request));
                Html.page(response, frame, "Dead letters", new Markup(notice.html() + replayAll.html()
                        + ConsolePages.list(request, base, "dead", query, journal.find(query)).html()));
            }
            case "/dead/replay" -> {
                JournalQuery query = ConsoleQuery.from(request).outcome(Outcome.DEAD);
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
                    JournalQuery query = ConsoleQuery.from(request);
                    if (path.startsWith("/dead")) {
                        query = query.outcome(Outcome.DEAD);
                    }
                    int matching = journal.count(query, CallbackJournal.MAX_BULK_REPLAY);
                    List<JournalEntry> replays = journal.replayAll(query, CallbackJournal.MAX_BULK_REPLAY);
                    LOG.info(() -> "console: " + user + " replayed " + replays.size() + " entries at once");
                    if (path.startsWith("/api/")) {
                        ConsoleApi.write(response, 200, replayed(replays, matching > replays.size()));
                    } else {
                        redirect(response, frame.base() + "dead?" + ConsolePages.filters(request)
                                + "&replayed=" + replays.size());
                    }
                }
                default -> {
                    boolean pause = path.endsWith("/pause");
                    DispatchState state = pause ? journal.pause(user) : journal.resume(user);
                    if (path.startsWith("/api/")) {
                        ConsoleApi.write(response, 200, state(state));
                    } else {
                        String back = request.getHeader("Referer");
                        redirect(response, back != null && back.contains(frame.base()) ? back : frame.base());
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

    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    private static JsonObject replayed(List<JournalEntry> replays, boolean more) {
        JsonArrayBuilder entries = Json.createArrayBuilder();
        replays.forEach(replay -> entries.add(Json.createObjectBuilder().add("id", replay.id())
                .add("outcome", replay.outcome().name())));
        return Json.createObjectBuilder().add("replayed", replays.size()).add("more", more).add("entries", entries)
                .build();
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
