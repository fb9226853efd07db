package io.github.gmecallback.console;

import io.github.gmecallback.console.Html.Markup;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.CallbackJournal;
import io.github.gmecallback.journal.DispatchState;
import java.util.logging.Logger;

/**
 * What the console shows of {@code inbox} dispatch: the banner above every page (paused, since
 * when and by whom, with Resume; or running, with Pause), the confirmation of a bulk replay and
 * the notice after it.
 */
final class DispatchPages {

    /** The confirmation's field: how many entries it named. */
    static final String CONFIRMED = "confirmed";

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    private static final String FORM = """
            <form class="inline" method="post" action="{{base}}inbox/{{action}}"><input type="hidden" \
            name="{{field}}" value="{{token}}"><button class="{{kind}}" type="submit">{{label}}</button></form>""";
    private static final String PAUSED = """
            <div class="banner paused"><strong>Dispatch is paused</strong> since {{since}} (UTC) by {{by}}: \
            callbacks are accepted and journaled, and none is dispatched until it resumes. {{form}}</div>""";
    private static final String RUNNING = """
            <div class="banner">Inbox dispatch is running. {{form}}</div>""";
    private static final String CONFIRM = """
            <p class="notice">Replay {{count}} dead {{entries}}{{more}}? Each is delivered to the observers again, \
            past the dedupe store, and journaled as a replay of its own.</p>\
            <form method="post" action="{{base}}dead/replay?{{query}}"><input type="hidden" name="{{field}}" \
            value="{{token}}"><input type="hidden" name="{{confirmed}}" value="{{count}}">\
            <button class="danger" type="submit">Replay {{count}}</button> \
            <a href="{{base}}dead?{{query}}">Cancel</a></form>""";
    private static final String REPLAYED = """
            <p class="notice">Replayed {{replayed}}: each is an entry of its own, marked as a replay, and the \
            dead entry it replays has left this list.{{already}}{{refused}}</p>""";
    private static final String ALREADY = " {{already}} had been replayed already, and were not replayed again.";
    private static final String REFUSED =
            " Refused {{refused}} whose signature or bytes no longer hold (the server's log names them).";

    private DispatchPages() {
    }

    /** The banner of every page: nothing in {@code sync} delivery. */
    static Markup banner(CallbackJournal journal, String base, String token) {
        if (!journal.pausable() || token == null) {
            return Markup.NONE;
        }
        try {
            DispatchState state = journal.dispatchState();
            if (state.paused()) {
                return Html.fill(PAUSED, "since", state.changed(), "by", state.by(), "form", form(base, token,
                        "resume", "", "Resume dispatch"));
            }
            return Html.fill(RUNNING, "form", form(base, token, "pause", "danger", "Pause dispatch"));
        } catch (StoreUnavailableException e) {
            LOG.fine(() -> "console: the dispatch state cannot be read: " + e.getMessage());
            return new Markup("<div class=\"banner paused\">Whether dispatch is paused cannot be read: "
                    + "the journal store is unavailable.</div>");
        }
    }

    private static Markup form(String base, String token, String action, String kind, String label) {
        return Html.fill(FORM, "base", base, "action", action, "field", ConsoleGuard.FIELD, "token", token,
                "kind", kind, "label", label);
    }

    /**
     * The notice after a bulk replay, from the counts its redirect carries in the URL. Anyone can
     * send an operator such a link, so nothing of its text reaches the page: the counts are read
     * as numbers and shown as numbers, and anything but two counts one bulk replay can reach shows
     * no notice at all.
     *
     * @param replayed the {@code replayed} parameter: how many were replayed
     * @param refused  the {@code refused} parameter: how many no longer verified
     * @param already  the {@code already} parameter: how many had been replayed before
     * @return the notice, or {@link Markup#NONE}
     */
    static Markup replayed(String replayed, String refused, String already) {
        int done = count(replayed);
        int failed = count(refused);
        int before = count(already);
        // One bulk replay takes at most MAX_BULK_REPLAY entries, whatever became of each.
        if (done < 0 || failed < 0 || before < 0 || done + failed + before > CallbackJournal.MAX_BULK_REPLAY) {
            return Markup.NONE;
        }
        return Html.fill(REPLAYED, "replayed", done, "already", before == 0 ? Markup.NONE
                : Html.fill(ALREADY, "already", before), "refused", failed == 0 ? Markup.NONE
                : Html.fill(REFUSED, "refused", failed));
    }

    /** A count written in ASCII digits (as the redirect writes it), or -1 for anything else. */
    private static int count(String parameter) {
        // ASCII only: Integer.parseInt also takes other scripts' digits, and a sign.
        return parameter == null || !parameter.matches("[0-9]{1,9}") ? -1 : Integer.parseInt(parameter);
    }

    /**
     * The confirmation of a bulk replay of the dead entries a filter shows.
     *
     * @param count how many will be replayed
     * @param more  whether more match than one replay takes
     * @param query the filters, as the request's query string (without the page)
     */
    static Markup confirm(String base, String token, int count, boolean more, String query) {
        return Html.fill(CONFIRM, "count", count, "entries", count == 1 ? "entry" : "entries",
                "more", more ? " (the newest " + count + "; more match)" : "", "base", base, "query", query,
                "field", ConsoleGuard.FIELD, "token", token, "confirmed", CONFIRMED);
    }
}
