package io.github.gmecallback.console;

import io.github.gmecallback.console.Html.Markup;
import io.github.gmecallback.ledger.RecordingPage;
import io.github.gmecallback.ledger.RecordingQuery;
import io.github.gmecallback.ledger.TaskPage;
import io.github.gmecallback.ledger.TaskSummary;
import io.github.gmecallback.recording.RecordingEventType;
import io.github.gmecallback.recording.RecordingFile;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's pages over the ledger of recording files: the tasks, one task's files per
 * stream, and the overdue files. A task page answers "which files of this task are missing?"
 * in its first line, and marks each callback that never came.
 */
final class RecordingPages {

    private static final String FILTER = """
            <label>{{name}}<input name="{{name}}" value="{{value}}" size="{{size}}"></label>""";
    private static final String OPTION = "<option{{selected}}>{{state}}</option>";
    private static final String TASKS = """
            <form class="filters" method="get" action="{{base}}recordings">{{filters}}\
            <label>state<select name="state"><option value="">any</option>{{states}}</select></label>\
            <button type="submit">Filter</button></form>\
            <table><thead><tr><th>TaskID</th><th>BizID</th><th>RoomID</th><th>files</th><th>uploaded</th>\
            <th>missing</th><th>overdue</th><th>latest callback (UTC)</th></tr></thead><tbody>{{rows}}</tbody></table>\
            <div class="pager">{{newer}}<span>page {{page}}</span>{{older}}</div>""";
    private static final String TASK_ROW = """
            <tr><td class="num"><a href="{{base}}recordings/{{bizId}}/{{taskId}}">{{taskId}}</a></td>\
            <td class="num">{{bizId}}</td><td>{{roomId}}</td><td class="num">{{files}}</td>\
            <td class="num">{{uploaded}}</td><td class="num {{missingClass}}">{{missing}}</td>\
            <td class="num {{overdueClass}}">{{overdue}}</td><td>{{lastAt}}</td></tr>""";
    private static final String TASK = """
            <p class="summary">{{files}} files, {{uploaded}} uploaded, <strong>{{missing}} missing</strong> \
            ({{overdue}} overdue). <a href="{{base}}?bizId={{bizId}}&amp;taskId={{taskId}}">Its callbacks</a></p>\
            {{streams}}""";
    private static final String STREAM = """
            <h2>{{name}}</h2><table><thead><tr><th>SeqNo</th><th>FileName</th><th>started (UTC)</th>\
            <th>completed (UTC)</th><th>uploaded (UTC)</th><th>state</th></tr></thead><tbody>{{rows}}</tbody></table>""";
    private static final String FILE_ROW = """
            <tr><td class="num">{{seqNo}}</td><td>{{fileName}}</td>{{times}}\
            <td class="state {{state}}">{{state}}{{overdue}}</td></tr>""";
    private static final String TRUNCATED = """
            <p class="notice">The task has more files than the console reads: the first {{max}} are \
            shown and counted.</p>""";
    private static final String OVERDUE_MARK = " <span class=\"overdue\">overdue since {{since}}</span>";
    private static final String OVERDUE = """
            <table><thead><tr><th>TaskID</th><th>BizID</th><th>RoomID</th><th>stream</th><th>SeqNo</th>\
            <th>state</th><th>since (UTC)</th><th>overdue since (UTC)</th></tr></thead><tbody>{{rows}}</tbody></table>\
            <div class="pager">{{newer}}<span>page {{page}}</span>{{older}}</div>""";
    private static final String OVERDUE_ROW = """
            <tr><td class="num"><a href="{{base}}recordings/{{bizId}}/{{taskId}}">{{taskId}}</a></td>\
            <td class="num">{{bizId}}</td><td>{{roomId}}</td><td>{{stream}}</td><td class="num">{{seqNo}}</td>\
            <td class="state {{state}}">{{state}}</td><td>{{since}}</td><td class="overdue">{{overdueSince}}</td></tr>""";
    private static final String LINK = "<a href=\"{{href}}\">{{text}}</a>";
    static final Markup OFF = new Markup("<p class=\"notice\">No ledger of recording files is kept here "
            + "(gme.callback.recordings.store=none).</p>");

    private RecordingPages() {
    }

    /** The tasks, newest first, with the filters of the request. */
    static Markup tasks(HttpServletRequest request, String base, RecordingQuery query, TaskPage page) {
        List<Markup> filters = new ArrayList<>();
        for (String name : List.of("taskId", "roomId", "userId")) {
            filters.add(Html.fill(FILTER, "name", name, "value", request.getParameter(name),
                    "size", name.equals("taskId") ? 20 : 10));
        }
        List<Markup> states = new ArrayList<>();
        for (String state : List.of("RECORDING", "COMPLETED", "UPLOADED", "OVERDUE")) {
            states.add(Html.fill(OPTION, "state", state,
                    "selected", new Markup(state.equalsIgnoreCase(request.getParameter("state")) ? " selected" : "")));
        }
        List<Markup> rows = new ArrayList<>();
        for (TaskSummary task : page.tasks()) {
            rows.add(Html.fill(TASK_ROW, "base", base, "bizId", task.bizId(), "taskId", task.taskId(),
                    "roomId", task.roomId(), "files", task.files(), "uploaded", task.uploaded(),
                    "missing", task.missing(), "missingClass", task.missing() > 0 ? "missing" : "",
                    "overdue", task.overdue(), "overdueClass", task.overdue() > 0 ? "overdue" : "",
                    "lastAt", task.lastAt()));
        }
        if (rows.isEmpty()) {
            rows.add(new Markup("<tr><td colspan=\"8\">No recording tasks match.</td></tr>"));
        }
        return Html.fill(TASKS, "base", base, "filters", Markup.join(filters), "states", Markup.join(states),
                "rows", Markup.join(rows), "page", query.page() + 1L,
                "newer", pager(request, base + "recordings", query.page() > 0, query.page() - 1L, "← newer"),
                "older", ConsolePages.older(request, base + "recordings", page.hasMore(), query.page(),
                        RecordingQuery.MAX_PAGE));
    }

    /**
     * A task's files per stream (the mixed stream, then each user's), each by SeqNo, with the
     * time of each callback linked to its journal entry where the journal still holds it.
     *
     * @param page    the task's files as read; where it has more, a notice says that only these are shown
     * @param entries the journal entry of each processed callback, by {@link #key}
     */
    static Markup task(String base, long bizId, long taskId, RecordingPage page, Map<String, Long> entries) {
        List<RecordingFile> files = page.files();
        Map<String, List<Markup>> streams = new LinkedHashMap<>();
        for (RecordingFile file : files) {
            List<Markup> times = new ArrayList<>();
            for (RecordingEventType type : List.of(RecordingEventType.RECORDING_STARTED,
                    RecordingEventType.RECORDING_COMPLETED, RecordingEventType.UPLOAD_COMPLETED)) {
                times.add(time(base, file, type, entries.get(key(file.recordMode(), file.userId(), file.seqNo(),
                        type.code()))));
            }
            streams.computeIfAbsent(stream(file), name -> new ArrayList<>()).add(Html.fill(FILE_ROW,
                    "seqNo", file.seqNo(), "fileName", file.fileName(), "times", Markup.join(times),
                    "state", file.state(), "overdue", file.overdue()
                            ? Html.fill(OVERDUE_MARK, "since", file.overdueSince()) : Markup.NONE));
        }
        List<Markup> tables = new ArrayList<>();
        streams.forEach((name, rows) -> tables.add(Html.fill(STREAM, "name", name, "rows", Markup.join(rows))));
        if (tables.isEmpty()) {
            tables.add(new Markup("<p>The ledger knows no file of this task.</p>"));
        }
        if (page.hasMore()) {
            tables.add(0, Html.fill(TRUNCATED, "max", files.size()));
        }
        TaskSummary task = TaskSummary.of(bizId, taskId, files);
        return Html.fill(TASK, "files", task.files(), "uploaded", task.uploaded(), "missing", task.missing(),
                "overdue", task.overdue(), "base", base, "bizId", bizId, "taskId", taskId, "streams", Markup.join(tables));
    }

    private static Markup time(String base, RecordingFile file, RecordingEventType type, Long entry) {
        if (file.at(type) != null) {
            return entry == null ? Html.fill("<td>{{at}}</td>", "at", file.at(type))
                    : Html.fill("<td><a href=\"{{base}}entry/{{id}}\">{{at}}</a></td>", "base", base, "id", entry,
                            "at", file.at(type));
        }
        return file.gaps().contains(type) ? new Markup("<td class=\"gap\">never received</td>")
                : new Markup("<td class=\"waiting\">not yet</td>");
    }

    /** The overdue files, newest first. */
    static Markup overdue(HttpServletRequest request, String base, RecordingQuery query, RecordingPage page) {
        List<Markup> rows = new ArrayList<>();
        for (RecordingFile file : page.files()) {
            rows.add(Html.fill(OVERDUE_ROW, "base", base, "bizId", file.bizId(), "taskId", file.taskId(),
                    "roomId", file.roomId(), "stream", stream(file), "seqNo", file.seqNo(), "state", file.state(),
                    "since", file.stateSince(), "overdueSince", file.overdueSince()));
        }
        if (rows.isEmpty()) {
            rows.add(new Markup("<tr><td colspan=\"8\">No file is overdue.</td></tr>"));
        }
        return Html.fill(OVERDUE, "rows", Markup.join(rows), "page", query.page() + 1L,
                "newer", pager(request, base + "overdue", query.page() > 0, query.page() - 1L, "← newer"),
                "older", ConsolePages.older(request, base + "overdue", page.hasMore(), query.page(),
                        RecordingQuery.MAX_PAGE));
    }

    /** How a file's journal entries are found: its stream, SeqNo and event type. */
    static String key(int recordMode, String userId, long seqNo, int eventType) {
        return recordMode + "|" + seqNo + "|" + eventType + "|" + userId;
    }

    private static String stream(RecordingFile file) {
        return file.recordMode() == 1 ? "Mixed stream" : "User " + file.userId();
    }

    private static Markup pager(HttpServletRequest request, String path, boolean shown, long page, String text) {
        return shown ? Html.fill(LINK, "href", path + "?" + ConsolePages.pageQuery(request, page), "text", text)
                : Markup.NONE;
    }
}
