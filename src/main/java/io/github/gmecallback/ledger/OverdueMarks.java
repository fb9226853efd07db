package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code jdbc} ledger's overdue marks, by the index on {@code (state, overdue_for, state_since)}. */
final class OverdueMarks {

    private OverdueMarks() {
    }

    /**
     * Marks the files of a state that are due: every server of a cluster may read the same ones,
     * but only one {@code UPDATE} per file finds it unmarked.
     */
    static void mark(Connection connection, RecordingFileState state, long since, long now, int max,
            List<RecordingFile> marked) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<RecordingFile> due = new ArrayList<>();
        try (PreparedStatement select = LedgerReads.prepare(connection, LedgerTable.DUE, List.of(state.code(), state.code(),
                since, max)); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                due.add(LedgerTable.file(rows));
                ids.add(rows.getString("id"));
            }
        }
        try (PreparedStatement mark = connection.prepareStatement(LedgerTable.MARK)) {
            for (int i = 0; i < ids.size(); i++) {
                mark.setInt(1, state.code());
                mark.setLong(2, now);
                mark.setString(3, ids.get(i));
                mark.setInt(4, state.code());
                mark.setInt(5, state.code());
                if (mark.executeUpdate() == 1) {
                    RecordingFile file = due.get(i);
                    marked.add(new RecordingFile(file.bizId(), file.taskId(), file.recordMode(), file.userId(),
                            file.seqNo(), file.roomId(), file.fileName(), file.startedAt(), file.completedAt(),
                            file.uploadedAt(), file.state(), file.stateSince(), Instant.ofEpochMilli(now)));
                }
            }
        }
    }
}
