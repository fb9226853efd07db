package io.github.gmecallback.journal;

import io.github.gmecallback.jdbc.Tables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The journal's table, {@code gme_callback_journal}: its definition, its columns, a row as an
 * entry, and the {@code SELECT} of a query. The {@code jdbc} journal and {@code inbox} delivery
 * share it.
 */
public final class JournalTable {

    /** The columns of an entry, for a {@code SELECT} that {@link #entry(ResultSet)} reads. */
    public static final String COLUMNS = "id, received_at, remote_address, biz_id, task_id, record_mode, user_id, "
            + "event_type, seq_no, room_id, body, outcome, attempts, last_error, replay, signature, traceparent, "
            + "replay_of, replayed_by, repeats, last_repeat_at";

    private JournalTable() {
    }

    /**
     * The {@code SELECT} of a query's page, newest first, one entry more than the page (to learn
     * whether another follows).
     *
     * @param query  the query
     * @param values receives the statement's parameters, in order
     * @return the statement
     */
    static String select(JournalQuery query, List<Object> values) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM gme_callback_journal WHERE 1 = 1");
        where(sql, values, "biz_id", query.bizId());
        where(sql, values, "task_id", query.taskId());
        where(sql, values, "user_id", Tables.text(query.userId()));
        where(sql, values, "room_id", Tables.text(query.roomId()));
        where(sql, values, "event_type", query.eventType());
        where(sql, values, "outcome", query.outcome() == null ? null : query.outcome().name());
        if (query.from() != null) {
            sql.append(" AND received_at >= ?");
            values.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            sql.append(" AND received_at < ?");
            values.add(query.to().toEpochMilli());
        }
        if (query.replayed() != null) {
            sql.append(query.replayed() ? " AND replayed_by IS NOT NULL" : " AND replayed_by IS NULL");
        }
        if (query.beforeId() != null) {
            sql.append(" AND id < ?");
            values.add(query.beforeId());
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        values.add(query.pageSize() + 1);
        values.add((long) query.page() * query.pageSize());
        return sql.toString();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static void where(StringBuilder sql, List<Object> values, String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            values.add(value);
        }
    }

    /**
     * The entry in the current row of a {@code SELECT} of {@link #COLUMNS}.
     *
     * @param rows the result, on the row
     * @return the entry
     * @throws SQLException if the row cannot be read
     */
    public static JournalEntry entry(ResultSet rows) throws SQLException {
        return new JournalEntry(rows.getLong("id"), Instant.ofEpochMilli(rows.getLong("received_at")),
                rows.getString("remote_address"), rows.getLong("biz_id"), rows.getLong("task_id"),
                rows.getInt("record_mode"), rows.getString("user_id"), rows.getInt("event_type"),
                rows.getLong("seq_no"), rows.getString("room_id"), rows.getBytes("body"),
                Outcome.valueOf(rows.getString("outcome")), rows.getInt("attempts"), rows.getString("last_error"),
                rows.getBoolean("replay"), rows.getString("signature"), rows.getString("traceparent"),
                new EntryHistory(rows.getObject("replay_of", Long.class), rows.getObject("replayed_by", Long.class),
                        rows.getInt("repeats"), instant(rows.getObject("last_repeat_at", Long.class))));
    }
}
