package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Files added up per task, for the {@code memory} ledger (the {@code jdbc} one lets the database do it). */
final class Tasks {

    private Tasks() {
    }

    /**
     * The tasks that have a file matching the query's filters, newest first by their newest
     * matching file; its state and overdue filters keep the tasks that have such a file, and every
     * file the other filters match counts.
     */
    static TaskPage of(List<RecordingFile> files, RecordingQuery query) {
        Map<List<Long>, List<RecordingFile>> byTask = new LinkedHashMap<>();
        for (RecordingFile file : files) {
            if (query.matchesAllButState(file)) {
                byTask.computeIfAbsent(List.of(file.bizId(), file.taskId()), task -> new ArrayList<>()).add(file);
            }
        }
        List<TaskSummary> tasks = new ArrayList<>();
        Map<TaskSummary, Instant> newestMatch = new IdentityHashMap<>();
        for (List<RecordingFile> task : byTask.values()) {
            Instant newest = task.stream().filter(query::matches).map(RecordingFile::lastAt)
                    .max(Comparator.naturalOrder()).orElse(null);
            if (newest != null) {
                TaskSummary summary = summary(task);
                tasks.add(summary);
                newestMatch.put(summary, newest);
            }
        }
        tasks.sort(Comparator.comparing((TaskSummary task) -> newestMatch.get(task)).reversed()
                .thenComparing(Comparator.comparingLong(TaskSummary::taskId).reversed()));
        int first = firstOf(tasks.size(), query);
        int last = Math.min(tasks.size(), first + query.pageSize());
        return new TaskPage(tasks.subList(first, last), query.page(), query.pageSize(), last < tasks.size());
    }

    /**
     * Where the query's page starts in a list of {@code size}: in {@code long}, since a page
     * number near {@link Integer#MAX_VALUE} times its size would overflow an {@code int}.
     */
    static int firstOf(int size, RecordingQuery query) {
        return (int) Math.min(size, (long) query.page() * query.pageSize());
    }

    private static TaskSummary summary(List<RecordingFile> task) {
        return TaskSummary.of(task.get(0).bizId(), task.get(0).taskId(), task);
    }
}
