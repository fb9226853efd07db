package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingFile;
import io.github.gmecallback.recording.RecordingFileState;
import java.time.Instant;

/**
 * A file of the {@code memory} ledger, changed under the store's lock. Its state is not kept but
 * follows from its times: the latest stage seen, since that stage's time (which is when the file
 * reached it, since a stage seen later than a further one does not move the file).
 */
final class MemoryFile {

    /** No time: that callback was not processed. */
    static final long NONE = Long.MIN_VALUE;

    final String roomId;
    String fileName;
    private long startedAt = NONE;
    private long completedAt = NONE;
    private long uploadedAt = NONE;
    /** The state the file was found overdue in; 0 when never. */
    int overdueFor;
    long overdueAt;

    MemoryFile(String roomId) {
        this.roomId = roomId;
    }

    long at(RecordingFileState stage) {
        return switch (stage) {
            case RECORDING -> startedAt;
            case COMPLETED -> completedAt;
            case UPLOADED -> uploadedAt;
        };
    }

    void set(RecordingFileState stage, long at) {
        switch (stage) {
            case RECORDING -> startedAt = at;
            case COMPLETED -> completedAt = at;
            case UPLOADED -> uploadedAt = at;
        }
    }

    boolean empty() {
        return startedAt == NONE && completedAt == NONE && uploadedAt == NONE;
    }

    RecordingFileState state() {
        return uploadedAt != NONE ? RecordingFileState.UPLOADED
                : completedAt != NONE ? RecordingFileState.COMPLETED : RecordingFileState.RECORDING;
    }

    long since() {
        return at(state());
    }

    RecordingFile snapshot(FileKey key) {
        RecordingFileState state = state();
        return new RecordingFile(key.bizId(), key.taskId(), key.recordMode(), key.userId(), key.seqNo(), roomId,
                fileName, instant(startedAt), instant(completedAt), instant(uploadedAt), state, instant(since()),
                overdueFor == state.code() ? Instant.ofEpochMilli(overdueAt) : null);
    }

    private static Instant instant(long at) {
        return at == NONE ? null : Instant.ofEpochMilli(at);
    }
}
