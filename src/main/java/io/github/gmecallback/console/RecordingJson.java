package io.github.gmecallback.console;

import io.github.gmecallback.ledger.RecordingPage;
import io.github.gmecallback.ledger.TaskPage;
import io.github.gmecallback.ledger.TaskSummary;
import io.github.gmecallback.recording.RecordingEventType;
import io.github.gmecallback.recording.RecordingFile;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * The JSON of the ledger's API: tasks, a task's files, overdue files. TaskIDs are strings, as in
 * the callbacks' API (a 64-bit TaskID is past what a JavaScript number holds exactly); times are
 * ISO-8601 instants, and {@code null} where a callback was never processed.
 */
final class RecordingJson {

    private RecordingJson() {
    }

    static JsonObject tasks(TaskPage page) {
        JsonArrayBuilder tasks = Json.createArrayBuilder();
        for (TaskSummary task : page.tasks()) {
            tasks.add(Json.createObjectBuilder().add("bizId", task.bizId()).add("taskId", Long.toString(task.taskId()))
                    .add("roomId", task.roomId()).add("files", task.files()).add("uploaded", task.uploaded())
                    .add("missing", task.missing()).add("overdue", task.overdue())
                    .add("lastAt", task.lastAt().toString()));
        }
        return Json.createObjectBuilder().add("page", page.page()).add("pageSize", page.pageSize())
                .add("hasMore", page.hasMore()).add("tasks", tasks).build();
    }

    /** A task's files; {@code truncated} where it has more than were read (the counts are of those read). */
    static JsonObject task(long bizId, long taskId, RecordingPage files) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        files.files().forEach(file -> all.add(file(file)));
        TaskSummary task = TaskSummary.of(bizId, taskId, files.files());
        return Json.createObjectBuilder().add("bizId", bizId).add("taskId", Long.toString(taskId))
                .add("files", task.files()).add("uploaded", task.uploaded()).add("missing", task.missing())
                .add("overdue", task.overdue()).add("truncated", files.hasMore()).add("recordingFiles", all).build();
    }

    static JsonObject files(RecordingPage page) {
        JsonArrayBuilder files = Json.createArrayBuilder();
        page.files().forEach(file -> files.add(file(file)));
        return Json.createObjectBuilder().add("page", page.page()).add("pageSize", page.pageSize())
                .add("hasMore", page.hasMore()).add("recordingFiles", files).build();
    }

    static JsonObject file(RecordingFile file) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("bizId", file.bizId())
                .add("taskId", Long.toString(file.taskId())).add("recordMode", file.recordMode())
                .add("userId", file.userId()).add("seqNo", file.seqNo()).add("roomId", file.roomId());
        text(json, "fileName", file.fileName());
        time(json, "startedAt", file.startedAt());
        time(json, "completedAt", file.completedAt());
        time(json, "uploadedAt", file.uploadedAt());
        json.add("state", file.state().name());
        time(json, "stateSince", file.stateSince());
        json.add("overdue", file.overdue());
        time(json, "overdueSince", file.overdueSince());
        JsonArrayBuilder gaps = Json.createArrayBuilder();
        for (RecordingEventType gap : file.gaps()) {
            gaps.add(gap.name());
        }
        return json.add("gaps", gaps).build();
    }

    private static void time(JsonObjectBuilder json, String name, Instant at) {
        text(json, name, at == null ? null : at.toString());
    }

    private static void text(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
