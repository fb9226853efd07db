package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/** The {@code jdbc} ledger's queries: a task's files, files found, tasks added up by the database. */
final class LedgerReads {

    private final DataSource dataSource;

    LedgerReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A task's first {@code max} files, read with one more to tell whether it has more. */
    RecordingPage task(long bizId, long taskId, int max) throws SQLException {
        List<RecordingFile> files = select("SELECT " + LedgerTable.COLUMNS + " FROM gme_callback_recording_file "
                + "WHERE task_id = ? AND biz_id = ? ORDER BY record_mode DESC, user_id, seq_no LIMIT ?",
                List.of(taskId, bizId, max + 1));
        files.sort(FileOrder.IN_TASK); // the database's collation may order UserIDs otherwise
        return RecordingPage.first(files, max);
    }

    RecordingPage find(RecordingQuery query) throws SQLException {
        List<Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(LedgerTable.COLUMNS)
                .append(" FROM gme_callback_recording_file");
        LedgerTable.where(sql, values, query);
        String state = LedgerTable.stateCondition(query, values);
        if (state != null) {
            sql.append(" AND ").append(state);
        }
        sql.append(" ORDER BY last_at DESC, id LIMIT ? OFFSET ?");
        values.add(query.pageSize() + 1);
        values.add((long) query.page() * query.pageSize());
        List<RecordingFile> files = select(sql.toString(), values);
        boolean more = files.size() > query.pageSize();
        return new RecordingPage(more ? files.subList(0, query.pageSize()) : files, query.page(), query.pageSize(),
                more);
    }

    /**
     * Tasks newest first, without adding up the whole table: the files are read newest first by
     * the index on {@code last_at} (the state filters applied to them) until enough distinct tasks
     * for the page are seen, and only those tasks are added up, by the index on {@code task_id}.
     * A task's place is that of its newest matching file.
     */
    TaskPage tasks(RecordingQuery query) throws SQLException {
        // In long: a page number near Integer.MAX_VALUE times its size overflows an int.
        long wanted = (query.page() + 1L) * query.pageSize() + 1;
        List<List<Long>> tasks = newestTasks(query, wanted);
        int first = (int) Math.min(tasks.size(), (long) query.page() * query.pageSize());
        List<List<Long>> page = tasks.subList(first, Math.min(tasks.size(), first + query.pageSize()));
        List<TaskSummary> summaries = new ArrayList<>();
        if (!page.isEmpty()) {
            Map<List<Long>, TaskSummary> added = addUp(query, page);
            for (List<Long> task : page) {
                if (added.containsKey(task)) {
                    summaries.add(added.get(task));
                }
            }
        }
        return new TaskPage(summaries, query.page(), query.pageSize(), tasks.size() > first + query.pageSize());
    }

    /** The distinct tasks of the newest matching files, in order: at least {@code wanted}, or all. */
    private List<List<Long>> newestTasks(RecordingQuery query, long wanted) throws SQLException {
        Set<List<Long>> tasks = new LinkedHashSet<>();
        for (long files = 4 * wanted; ; files = Math.min(files * 4, Long.MAX_VALUE / 4)) {
            List<Object> values = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT biz_id, task_id FROM gme_callback_recording_file");
            LedgerTable.where(sql, values, query);
            String state = LedgerTable.stateCondition(query, values);
            if (state != null) {
                sql.append(" AND ").append(state);
            }
            sql.append(" ORDER BY last_at DESC, id LIMIT ?");
            values.add(files);
            int rows = 0;
            tasks.clear();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = prepare(connection, sql.toString(), values);
                 ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    rows++;
                    tasks.add(List.of(found.getLong(1), found.getLong(2)));
                }
            }
            if (tasks.size() >= wanted || rows < files) {
                return new ArrayList<>(tasks);
            }
        }
    }

    /** The counts of some tasks' files (those the query's other filters match). */
    private Map<List<Long>, TaskSummary> addUp(RecordingQuery query, List<List<Long>> tasks) throws SQLException {
        List<Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT biz_id, task_id, MIN(room_id) AS room_id, COUNT(*) AS files, "
                + "SUM(CASE WHEN state = 3 THEN 1 ELSE 0 END) AS uploaded, "
                + "SUM(CASE WHEN overdue_for = state THEN 1 ELSE 0 END) AS overdue, MAX(last_at) AS last_at "
                + "FROM gme_callback_recording_file");
        LedgerTable.where(sql, values, query);
        sql.append(" AND task_id IN (");
        for (int i = 0; i < tasks.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
            values.add(tasks.get(i).get(1));
        }
        sql.append(") GROUP BY biz_id, task_id");
        Map<List<Long>, TaskSummary> added = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = prepare(connection, sql.toString(), values);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                TaskSummary task = new TaskSummary(rows.getLong("biz_id"), rows.getLong("task_id"),
                        rows.getString("room_id"), rows.getInt("files"), rows.getInt("uploaded"),
                        rows.getInt("overdue"), Instant.ofEpochMilli(rows.getLong("last_at")));
                added.put(List.of(task.bizId(), task.taskId()), task);
            }
        }
        return added;
    }

    private List<RecordingFile> select(String sql, List<Object> values) throws SQLException {
        List<RecordingFile> files = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = prepare(connection, sql, values);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                files.add(LedgerTable.file(rows));
            }
        }
        return files;
    }

    static PreparedStatement prepare(Connection connection, String sql, List<Object> values)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }
}
