package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The {@code jdbc} ledger's queries: a task's files, files found, tasks added up by the database. */
final class LedgerReads {

    private final DataSource dataSource;

    LedgerReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<RecordingFile> task(long bizId, long taskId) throws SQLException {
        List<RecordingFile> files = select("SELECT " + LedgerTable.COLUMNS + " FROM gme_callback_recording_file "
                + "WHERE task_id = ? AND biz_id = ?", List.of(taskId, bizId));
        files.sort(FileOrder.IN_TASK);
        return files;
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

    TaskPage tasks(RecordingQuery query) throws SQLException {
        List<Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT biz_id, task_id, MIN(room_id) AS room_id, COUNT(*) AS files, "
                + "SUM(CASE WHEN state = 3 THEN 1 ELSE 0 END) AS uploaded, "
                + "SUM(CASE WHEN overdue_for = state THEN 1 ELSE 0 END) AS overdue, MAX(last_at) AS last_at "
                + "FROM gme_callback_recording_file");
        LedgerTable.where(sql, values, query);
        sql.append(" GROUP BY biz_id, task_id");
        String state = LedgerTable.stateCondition(query, values);
        if (state != null) {
            sql.append(" HAVING SUM(CASE WHEN ").append(state).append(" THEN 1 ELSE 0 END) > 0");
        }
        sql.append(" ORDER BY MAX(last_at) DESC, task_id DESC LIMIT ? OFFSET ?");
        values.add(query.pageSize() + 1);
        values.add((long) query.page() * query.pageSize());
        List<TaskSummary> tasks = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = prepare(connection, sql.toString(), values);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tasks.add(new TaskSummary(rows.getLong("biz_id"), rows.getLong("task_id"),
                        rows.getString("room_id"), rows.getInt("files"), rows.getInt("uploaded"),
                        rows.getInt("overdue"), Instant.ofEpochMilli(rows.getLong("last_at"))));
            }
        }
        boolean more = tasks.size() > query.pageSize();
        return new TaskPage(more ? tasks.subList(0, query.pageSize()) : tasks, query.page(), query.pageSize(),
                more);
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
