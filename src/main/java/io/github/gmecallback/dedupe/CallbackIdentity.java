package io.github.gmecallback.dedupe;

import io.github.gmecallback.recording.RecordingCallback;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two callbacks the same: a GME retry repeats all of these. One recording task can
 * record each user's stream and the mixed stream at once, so TaskID, EventType and SeqNo alone
 * would make different files collide; {@code RecordMode} and {@code UserID} tell them apart.
 *
 * @param bizId      {@code BizID}
 * @param taskId     {@code TaskID}
 * @param recordMode {@code RecordMode} ({@code -1} when an unknown type omits it)
 * @param userId     {@code UserID} ({@code ""} when an unknown type omits it)
 * @param eventType  {@code EventType}
 * @param seqNo      {@code Detail.SeqNo} ({@code -1} when absent)
 */
public record CallbackIdentity(long bizId, long taskId, int recordMode, String userId, int eventType, long seqNo) {

    /**
     * The identity of a callback.
     *
     * @param callback a bound callback
     * @return its identity
     */
    public static CallbackIdentity of(RecordingCallback callback) {
        return new CallbackIdentity(callback.bizId(), callback.taskId(), callback.recordMode(), callback.userId(),
                callback.eventType(), callback.detail() == null ? -1 : callback.detail().seqNo());
    }

    /**
     * A fixed-size key for a database: the SHA-256 of the identity's parts, in hex. The parts
     * are written with their lengths, so no two identities share a text.
     *
     * @return 64 hex digits
     */
    public String digest() {
        String canonical = bizId + "|" + taskId + "|" + recordMode + "|" + eventType + "|" + seqNo + "|"
                + userId.length() + ":" + userId;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
