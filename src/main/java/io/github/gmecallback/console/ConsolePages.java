package io.github.gmecallback.console;

import io.github.gmecallback.console.Html.Markup;
import io.github.gmecallback.journal.JournalCounters;
import io.github.gmecallback.journal.EntryHistory;
import io.github.gmecallback.journal.InFlight;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.JournalPage;
import io.github.gmecallback.journal.JournalQuery;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.journal.RefusalRecord;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The console's pages, each a template filled with what the journal holds: the callbacks list,
 * an entry (with the confirmation step of a replay), and the counters.
 */
final class ConsolePages {

    private static final String FILTER = """
            <label>{{name}}<input name="{{name}}" value="{{value}}" size="{{size}}"></label>""";
    private static final String TIME = """
            <label>{{name}} (UTC)<input type="datetime-local" name="{{name}}" value="{{value}}"></label>""";
    private static final String OPTION = "<option{{selected}}>{{outcome}}</option>";
    private static final String LIST = """
            <form class="filters" method="get" action="{{base}}{{path}}">{{filters}}\
            <label>outcome<select name="outcome"><option value="">any</option>{{outcomes}}</select></label>\
            {{times}}<button type="submit">Filter</button></form>\
            <table><thead><tr><th>id</th><th>received (UTC)</th><th>TaskID</th><th>EventType</th><th>UserID</th>\
            <th>RoomID</th><th>BizID</th><th>outcome</th><th>attempts</th><th>replay</th></tr></thead>\
            <tbody>{{rows}}</tbody></table><div class="pager">{{newer}}<span>page {{page}}</span>{{older}}</div>""";
    private static final String ROW = """
            <tr><td class="num"><a href="{{base}}entry/{{id}}">{{id}}</a></td><td>{{received}}</td>\
            <td class="num">{{taskId}}</td><td>{{eventType}}</td><td>{{userId}}</td><td>{{roomId}}</td>\
            <td class="num">{{bizId}}</td><td class="outcome {{outcome}}">{{outcome}}</td>\
            <td class="num">{{attempts}}</td><td>{{replay}}</td></tr>""";
    private static final String LINK = "<a href=\"{{href}}\">{{text}}</a>";
    private static final String CONFIRM = """
            <p class="notice">Replay entry {{id}} (TaskID {{taskId}}, EventType {{eventType}})? Its body is \
            delivered to the observers again, past the dedupe store, and journaled as a replay.</p>\
            <form method="post" action="{{base}}entry/{{id}}/replay"><input type="hidden" name="{{field}}" \
            value="{{token}}"><button class="danger" type="submit">Replay it</button> \
            <a href="{{base}}entry/{{id}}">Cancel</a></form>""";
    private static final String ENTRY = """
            {{notice}}{{confirm}}<dl>{{fields}}</dl><h2>Body, as signed</h2><pre>{{body}}</pre>{{replay}}""";
    private static final String FIELD = "<dt>{{name}}</dt><dd class=\"{{kind}}\">{{value}}</dd>";
    private static final String STAT = "<tr><th>{{name}}</th><td class=\"num\">{{value}}</td></tr>";
    private static final String REFUSAL = """
            <tr><td>{{at}}</td><td>{{reason}}</td><td>{{status}}</td><td>{{from}}</td><td>{{bizId}}</td>\
            <td>{{taskId}}</td><td>{{userId}}</td><td>{{eventType}}</td></tr>""";
    private static final String STATS = """
            <table><tbody>{{counters}}</tbody></table><h2>Newest refusals</h2><table><thead><tr><th>at (UTC)</th>\
            <th>reason</th><th>status</th><th>from</th><th>claimed BizID</th><th>TaskID</th><th>UserID</th>\
            <th>EventType</th></tr></thead><tbody>{{refusals}}</tbody></table>\
            <p>Counters and refusals are this server's, since it started.</p>""";

    private ConsolePages() {
    }

    /** The callbacks list, newest first, with the filters of the request. */
    static Markup list(HttpServletRequest request, String base, JournalQuery query, JournalPage page) {
        return list(request, base, "", query, page);
    }

    /**
     * A list of entries, newest first, with the filters of the request, on the page at
     * {@code path} under the console (the callbacks list, or the dead letters).
     */
    static Markup list(HttpServletRequest request, String base, String path, JournalQuery query, JournalPage page) {
        List<Markup> filters = new ArrayList<>();
        for (String name : List.of("taskId", "userId", "roomId", "bizId", "eventType")) {
            filters.add(Html.fill(FILTER, "name", name, "value", request.getParameter(name),
                    "size", name.equals("taskId") ? 20 : 10));
        }
        List<Markup> outcomes = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            outcomes.add(Html.fill(OPTION, "outcome", outcome.name(),
                    "selected", new Markup(outcome.name().equals(request.getParameter("outcome")) ? " selected" : "")));
        }
        List<Markup> times = List.of(Html.fill(TIME, "name", "from", "value", request.getParameter("from")),
                Html.fill(TIME, "name", "to", "value", request.getParameter("to")));
        List<Markup> rows = new ArrayList<>();
        for (JournalEntry entry : page.entries()) {
            rows.add(Html.fill(ROW, "base", base, "id", entry.id(), "received", entry.receivedAt(),
                    "taskId", entry.taskId(), "eventType", entry.eventType(), "userId", entry.userId(),
                    "roomId", entry.roomId(), "bizId", entry.bizId(), "outcome", entry.outcome(),
                    "attempts", entry.attempts(), "replay", entry.replay() ? "yes" : ""));
        }
        if (rows.isEmpty()) {
            rows.add(new Markup("<tr><td colspan=\"10\">No callbacks match.</td></tr>"));
        }
        return Html.fill(LIST, "base", base, "path", path, "filters", Markup.join(filters), "outcomes", Markup.join(outcomes),
                "times", Markup.join(times), "rows", Markup.join(rows), "page", query.page() + 1L,
                "newer", query.page() == 0 ? Markup.NONE
                        : Html.fill(LINK, "href", base + path + "?" + pageQuery(request, query.page() - 1),
                                "text", "← newer"),
                "older", older(request, base + path, page.hasMore(), query.page(), JournalQuery.MAX_PAGE));
    }

    /** The parameters that are no filter: paging, the token, a bulk replay's notices and confirmation. */
    private static final List<String> NOT_FILTERS = List.of("page", "size", "replayed", "refused",
            DispatchPages.CONFIRMED, ConsoleGuard.FIELD);

    /**
     * The request's filters as a query string: every parameter sent but the page, the size, the
     * token, and the notices and confirmation of a bulk replay.
     */
    static String filters(HttpServletRequest request) {
        return query(request, NOT_FILTERS);
    }

    /**
     * The link to the next, older page, where there is one; from the last page a query may ask for,
     * a hint to narrow the filters instead, as no page past it is read.
     */
    static Markup older(HttpServletRequest request, String path, boolean hasMore, int page, int lastPage) {
        if (!hasMore) {
            return Markup.NONE;
        }
        return page >= lastPage ? new Markup("<span>older: narrow the time range</span>")
                : Html.fill(LINK, "href", path + "?" + pageQuery(request, page + 1L), "text", "older →");
    }

    /** The request's query for another page; a {@code long}, as the page past the last {@code int} is one. */
    static String pageQuery(HttpServletRequest request, long page) {
        String others = query(request, List.of("page"));
        return (others.isEmpty() ? "" : others + "&") + "page=" + page;
    }

    /** The request's parameters as a query string, each first value that is not blank, but those named. */
    private static String query(HttpServletRequest request, List<String> leftOut) {
        StringBuilder query = new StringBuilder();
        request.getParameterMap().forEach((name, values) -> {
            if (!leftOut.contains(name) && values.length > 0 && !values[0].isBlank()) {
                query.append(query.length() == 0 ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(values[0], StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    /**
     * One entry: its fields, its body pretty-printed, and the way to replay it.
     *
     * @param inFlight its dispatch under way, if one is
     * @param confirm  whether this is the replay's confirmation step
     * @param token    the session's CSRF token, for the confirmation's form
     * @param replayed whether this entry is a replay just made
     */
    static Markup entry(String base, JournalEntry entry, Optional<InFlight> inFlight, boolean confirm, String token,
            boolean replayed) {
        List<Markup> fields = new ArrayList<>();
        field(fields, "received (UTC)", entry.receivedAt());
        field(fields, "from", entry.remoteAddress());
        field(fields, "BizID", entry.bizId());
        field(fields, "TaskID", entry.taskId());
        field(fields, "RecordMode", entry.recordMode());
        field(fields, "UserID", entry.userId());
        field(fields, "EventType", entry.eventType());
        field(fields, "SeqNo", entry.seqNo());
        field(fields, "RoomID", entry.roomId());
        fields.add(Html.fill(FIELD, "name", "outcome", "kind", "outcome " + entry.outcome(), "value", entry.outcome()));
        field(fields, "attempts", entry.attempts());
        inFlight.ifPresent(dispatch -> field(fields, "being dispatched",
                "by " + dispatch.server() + " since " + dispatch.since()));
        field(fields, "last error", entry.lastError() == null ? "none" : entry.lastError());
        field(fields, "replay", entry.replay() ? "yes" : "no");
        EntryHistory history = entry.history();
        if (history.replayOf() != null) {
            fields.add(Html.fill(FIELD, "name", "replay of", "kind", "", "value", Html.fill(LINK,
                    "href", base + "entry/" + history.replayOf(), "text", "entry " + history.replayOf())));
        }
        if (history.replayedBy() != null) {
            fields.add(Html.fill(FIELD, "name", "replayed by", "kind", "", "value", Html.fill(LINK,
                    "href", base + "entry/" + history.replayedBy(), "text", "entry " + history.replayedBy())));
        }
        if (history.repeats() > 0) {
            field(fields, "repeats", "repeated " + history.repeats() + (history.repeats() == 1 ? " time" : " times")
                    + ", last at " + history.lastRepeatAt());
        }
        return Html.fill(ENTRY,
                "notice", replayed ? new Markup("<p class=\"notice\">Replayed: this is the replay's own entry.</p>")
                        : Markup.NONE,
                "confirm", !confirm ? Markup.NONE : Html.fill(CONFIRM, "base", base, "id", entry.id(),
                        "taskId", entry.taskId(), "eventType", entry.eventType(), "field", ConsoleGuard.FIELD,
                        "token", token),
                "fields", Markup.join(fields), "body", ConsoleJson.pretty(entry.body()),
                "replay", confirm ? Markup.NONE
                        : Html.fill("<p>" + LINK + "</p>", "href", base + "entry/" + entry.id() + "/replay",
                                "text", "Replay…"));
    }

    private static void field(List<Markup> fields, String name, Object value) {
        fields.add(Html.fill(FIELD, "name", name, "kind", "", "value", value));
    }

    /** The counters since start, and the newest refusals. */
    static Markup stats(JournalCounters counters) {
        List<Markup> rows = new ArrayList<>();
        stat(rows, "processed", counters.processed());
        stat(rows, "duplicates", counters.duplicates());
        stat(rows, "failed", counters.failed());
        stat(rows, "dead", counters.dead());
        stat(rows, "store unavailable (503)", counters.storeUnavailable());
        counters.refused().forEach((reason, count) -> stat(rows, "refused: " + reason.label(), count));
        List<Markup> refusals = new ArrayList<>();
        for (RefusalRecord refusal : counters.newestRefusals()) {
            refusals.add(Html.fill(REFUSAL, "at", refusal.at(), "reason", refusal.reason().label(),
                    "status", refusal.status(), "from", refusal.remoteAddress(),
                    "bizId", refusal.claimedBizId().isPresent() ? refusal.claimedBizId().getAsLong() : null,
                    "taskId", refusal.taskId().isPresent() ? refusal.taskId().getAsLong() : null,
                    "userId", refusal.userId(), "eventType", refusal.eventType()));
        }
        if (refusals.isEmpty()) {
            refusals.add(new Markup("<tr><td colspan=\"8\">None since the server started.</td></tr>"));
        }
        return Html.fill(STATS, "counters", Markup.join(rows), "refusals", Markup.join(refusals));
    }

    private static void stat(List<Markup> rows, String name, long value) {
        rows.add(Html.fill(STAT, "name", name, "value", value));
    }
}
