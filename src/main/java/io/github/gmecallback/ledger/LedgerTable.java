package io.github.gmecallback.ledger;

import io.github.gmecallback.jdbc.Tables;
import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The {@code jdbc} ledger's table, {@code gme_callback_recording_file}, and its statements. Times
 * are epoch milliseconds by the database's clock; {@code state} is the number of the latest stage
 * seen (1 recording, 2 completed, 3 uploaded) and {@code state_since} that stage's time;
 * {@code overdue_for} the state the sweep last found the file overdue in (0: never), so the file
 * is overdue while {@code overdue_for = state}.
 */
final class LedgerTable {

    static final String COLUMNS = "biz_id, task_id, record_mode, user_id, seq_no, room_id, file_name, started_at, "
            + "completed_at, uploaded_at, state, state_since, overdue_for, overdue_at";

    static final String INSERT = "INSERT INTO gme_callback_recording_file (id, biz_id, task_id, record_mode, "
            + "user_id, seq_no, room_id, file_name, started_at, completed_at, uploaded_at, state, state_since, "
            + "overdue_for, overdue_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?)";

    /** The files overdue now: a file is overdue while {@code overdue_for = state}. */
    static final String COUNT_OVERDUE = "SELECT COUNT(*) FROM gme_callback_recording_file "
            + "WHERE (state = 1 AND overdue_for = 1) OR (state = 2 AND overdue_for = 2)";

    static final String DUE = "SELECT " + COLUMNS + ", id FROM gme_callback_recording_file "
            + "WHERE state = ? AND overdue_for < ? AND state_since <= ? ORDER BY state_since LIMIT ?";

    static final String MARK = "UPDATE gme_callback_recording_file SET overdue_for = ?, overdue_at = ? "
            + "WHERE id = ? AND state = ? AND overdue_for < ?";

    static final String PURGE = "DELETE FROM gme_callback_recording_file WHERE last_at < ?";

    private LedgerTable() {
    }

    /** The column of a stage's time. */
    static String column(RecordingFileState stage) {
        return switch (stage) {
            case RECORDING -> "started_at";
            case COMPLETED -> "completed_at";
            case UPLOADED -> "uploaded_at";
        };
    }

    /**
     * Sets a stage's time where the file has none: the state moves on if the stage is further,
     * and with it the time it is in since. {@code state_since} is assigned before {@code state}:
     * MySQL and MariaDB assign left to right, each reading the values already set. Parameters:
     * the time, the stage, the time, the stage (twice), the FileName, the time, the id.
     */
    static String record(RecordingFileState stage) {
        String column = column(stage);
        return "UPDATE gme_callback_recording_file SET " + column + " = ?, "
                + "state_since = CASE WHEN state < ? THEN ? ELSE state_since END, "
                + "state = CASE WHEN state < ? THEN ? ELSE state END, "
                + "file_name = COALESCE(file_name, ?), last_at = GREATEST(last_at, ?) "
                + "WHERE id = ? AND " + column + " IS NULL";
    }

    /**
     * A file's row with no stage yet (state 0), to be given its stage by {@link #record} in the
     * same transaction: where looking for an absent row locks a gap (InnoDB), the row is made, or
     * found and locked, first. Parameters: the id, BizID, TaskID, RecordMode, UserID, SeqNo, RoomID,
     * the time (twice).
     */
    static final String INSERT_UNRECORDED = "INSERT INTO gme_callback_recording_file (id, biz_id, task_id, "
            + "record_mode, user_id, seq_no, room_id, state, state_since, overdue_for, last_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?)";

    /**
     * Takes a stage's time back where it is still the one set; state and its time follow from
     * the stages left. Parameters: the id, the time.
     */
    static String undo(RecordingFileState stage) {
        String uploaded = stage == RecordingFileState.UPLOADED ? "NULL" : "uploaded_at";
        String completed = stage == RecordingFileState.COMPLETED ? "NULL" : "completed_at";
        String started = stage == RecordingFileState.RECORDING ? "NULL" : "started_at";
        return "UPDATE gme_callback_recording_file SET " + column(stage) + " = NULL, "
                + "state = CASE WHEN " + uploaded + " IS NOT NULL THEN 3 WHEN " + completed
                + " IS NOT NULL THEN 2 ELSE 1 END, "
                + "state_since = CASE WHEN " + uploaded + " IS NOT NULL THEN " + uploaded + " WHEN " + completed
                + " IS NOT NULL THEN " + completed + " ELSE " + started + " END "
                + "WHERE id = ? AND " + column(stage) + " = ?";
    }

    /** Deletes the row a stage's time was the only one of. Parameters: the id, the time. */
    static String undoInsert(RecordingFileState stage) {
        StringBuilder sql = new StringBuilder("DELETE FROM gme_callback_recording_file WHERE id = ? AND ")
                .append(column(stage)).append(" = ?");
        for (RecordingFileState other : RecordingFileState.values()) {
            if (other != stage) {
                sql.append(" AND ").append(column(other)).append(" IS NULL");
            }
        }
        return sql.toString();
    }

    /** The file in the current row of a {@code SELECT} of {@link #COLUMNS}. */
    static RecordingFile file(ResultSet rows) throws SQLException {
        RecordingFileState state = RecordingFileState.of(rows.getInt("state"));
        return new RecordingFile(rows.getLong("biz_id"), rows.getLong("task_id"), rows.getInt("record_mode"),
                rows.getString("user_id"), rows.getLong("seq_no"), rows.getString("room_id"),
                rows.getString("file_name"), instant(rows, "started_at"), instant(rows, "completed_at"),
                instant(rows, "uploaded_at"), state, instant(rows, "state_since"),
                rows.getInt("overdue_for") == state.code() ? instant(rows, "overdue_at") : null);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        long at = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(at);
    }

    /** The {@code WHERE} of a query's filters but its state ones. */
    static void where(StringBuilder sql, List<Object> values, RecordingQuery query) {
        sql.append(" WHERE 1 = 1");
        where(sql, values, "biz_id", query.bizId());
        where(sql, values, "task_id", query.taskId());
        where(sql, values, "room_id", Tables.text(query.roomId()));
        where(sql, values, "user_id", Tables.text(query.userId()));
        if (query.from() != null) {
            sql.append(" AND last_at >= ?");
            values.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            sql.append(" AND last_at < ?");
            values.add(query.to().toEpochMilli());
        }
    }

    /** The condition of a query's state filters, or {@code null} when it has none. */
    static String stateCondition(RecordingQuery query, List<Object> values) {
        String condition = query.overdueOnly() ? "overdue_for = state" : null;
        if (query.state() != null) {
            values.add(query.state().code());
            condition = condition == null ? "state = ?" : condition + " AND state = ?";
        }
        return condition;
    }

    private static void where(StringBuilder sql, List<Object> values, String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            values.add(value);
        }
    }
}
