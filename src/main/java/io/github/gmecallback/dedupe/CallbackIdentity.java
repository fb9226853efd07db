package io.github.gmecallback.dedupe;

import io.github.gmecallback.recording.RecordingCallback;
import java.io.ByteArrayOutputStream;
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
     * are written with their lengths, so no two identities share a text, and the text is
     * encoded without loss ({@link #lossless}), so no two texts share the bytes hashed.
     *
     * @return 64 hex digits
     */
    public String digest() {
        String canonical = bizId + "|" + taskId + "|" + recordMode + "|" + eventType + "|" + seqNo + "|"
                + userId.length() + ":" + userId;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lossless(canonical)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A text's bytes, distinct for distinct texts. UTF-8 alone is not: it has no form for a
     * surrogate that is not half of a pair (a JSON string escape of U+D800 binds to one), and
     * Java's encoder writes {@code ?} for it, so the UserIDs U+D800, U+DBFF and {@code ?} would be
     * one callback. Here such a surrogate is written as the byte {@code 0xFF}, which
     * UTF-8 never uses, and its two bytes; every other character as UTF-8, so that the keys of
     * texts without one are those of earlier versions.
     */
    static byte[] lossless(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 16);
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            bytes.writeBytes(text.substring(from, i).getBytes(StandardCharsets.UTF_8));
            bytes.write(0xFF);
            bytes.write(c >> 8);
            bytes.write(c & 0xFF);
            from = i + 1;
        }
        bytes.writeBytes(text.substring(from).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }
}
