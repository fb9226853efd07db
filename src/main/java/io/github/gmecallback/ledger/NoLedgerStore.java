package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingFile;
import java.time.Duration;
import java.util.List;

/** {@code gme.callback.recordings.store=none}: no ledger. */
final class NoLedgerStore implements LedgerStore {

    @Override
    public Change record(RecordingCallback callback) {
        return Change.NONE;
    }

    @Override
    public RecordingPage task(long bizId, long taskId, int max) {
        return new RecordingPage(List.of(), 0, max, false);
    }

    @Override
    public RecordingPage find(RecordingQuery query) {
        return new RecordingPage(List.of(), query.page(), query.pageSize(), false);
    }

    @Override
    public TaskPage tasks(RecordingQuery query) {
        return new TaskPage(List.of(), query.page(), query.pageSize(), false);
    }

    @Override
    public List<RecordingFile> markOverdue(Duration recordingTimeout, Duration uploadTimeout, int max) {
        return List.of();
    }

    @Override
    public long overdueCount() {
        return 0;
    }

    @Override
    public void ping() {
    }
}
