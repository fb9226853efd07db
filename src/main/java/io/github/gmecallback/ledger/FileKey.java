package io.github.gmecallback.ledger;

import io.github.gmecallback.dedupe.CallbackIdentity;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingFile;

/**
 * What makes callbacks be of one recording file: the identity of a callback less its
 * {@code EventType}. A task records each user's stream and the mixed stream at once, and GME
 * splits long recordings by {@code SeqNo}, so all five parts are needed.
 *
 * @param bizId      {@code BizID}
 * @param taskId     {@code TaskID}
 * @param recordMode {@code RecordMode}
 * @param userId     {@code UserID}
 * @param seqNo      {@code Detail.SeqNo} ({@code -1} when absent)
 */
record FileKey(long bizId, long taskId, int recordMode, String userId, long seqNo) {

    /** The {@code EventType} the digest is taken with: none of a file's three callbacks has it. */
    private static final int NO_EVENT_TYPE = 0;

    static FileKey of(RecordingCallback callback) {
        return new FileKey(callback.bizId(), callback.taskId(), callback.recordMode(), callback.userId(),
                callback.detail() == null ? -1 : callback.detail().seqNo());
    }

    static FileKey of(RecordingFile file) {
        return new FileKey(file.bizId(), file.taskId(), file.recordMode(), file.userId(), file.seqNo());
    }

    /**
     * The {@code jdbc} ledger's row key: the SHA-256 of the parts, without loss, as the dedupe
     * store keys a callback.
     *
     * @return 64 hex digits
     */
    String digest() {
        return new CallbackIdentity(bizId, taskId, recordMode, userId, NO_EVENT_TYPE, seqNo).digest();
    }
}
