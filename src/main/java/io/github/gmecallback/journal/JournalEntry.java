package io.github.gmecallback.journal;

import java.time.Instant;
import java.util.Arrays;

/**
 * One verified, bound callback inside the replay window, as the journal keeps it.
 *
 * @param id            the entry's number, increasing in the order of receipt
 * @param receivedAt    when the receiver took it
 * @param remoteAddress who sent it ({@code replay} for a replay)
 * @param bizId         {@code BizID}
 * @param taskId        {@code TaskID}
 * @param recordMode    {@code RecordMode} (-1 where an unknown type has none)
 * @param userId        {@code UserID} (empty where an unknown type has none)
 * @param eventType     {@code EventType}
 * @param seqNo         {@code Detail.SeqNo} (-1 where there is none)
 * @param roomId        {@code RoomID}
 * @param body          the body exactly as signed; taken as given (the receiver never changes a
 *                      body), and handed out only as a copy
 * @param outcome       what became of it
 * @param attempts      how often observers were called with it
 * @param lastError     the last observer failure (class and message, at most 500 characters), or
 *                      {@code null}
 * @param replay        whether it was replayed on purpose rather than received from GME
 * @param signature     the {@code Signature} header the body came with, verified again before
 *                      every dispatch from the journal; {@code null} for an entry journaled by an
 *                      earlier version, which no longer verifies
 * @param traceparent   the W3C {@code traceparent} of the request that brought it, where the
 *                      server traces: the span an {@code inbox} dispatch links to; else {@code null}
 * @param history       its replays and repeats since it was journaled
 */
public record JournalEntry(long id, Instant receivedAt, String remoteAddress, long bizId, long taskId,
        int recordMode, String userId, int eventType, long seqNo, String roomId, byte[] body, Outcome outcome,
        int attempts, String lastError, boolean replay, String signature, String traceparent, EntryHistory history) {

    /** The longest {@link #lastError} kept. */
    public static final int MAX_ERROR_LENGTH = 500;

    public JournalEntry {
        if (history == null) {
            history = EntryHistory.NONE;
        }
        if (lastError != null && lastError.length() > MAX_ERROR_LENGTH) {
            lastError = lastError.substring(0, MAX_ERROR_LENGTH);
        }
    }

    /**
     * The body exactly as signed.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * This entry, settled.
     *
     * @param outcome   what became of it
     * @param attempts  how often observers were called with it
     * @param lastError the last failure, or {@code null}
     * @return the settled entry
     */
    public JournalEntry settled(Outcome outcome, int attempts, String lastError) {
        return new JournalEntry(id, receivedAt, remoteAddress, bizId, taskId, recordMode, userId, eventType, seqNo,
                roomId, body, outcome, attempts, lastError, replay, signature, traceparent, history);
    }

    /**
     * This entry with another history.
     *
     * @param history its replays and repeats
     * @return the entry
     */
    public JournalEntry with(EntryHistory history) {
        return new JournalEntry(id, receivedAt, remoteAddress, bizId, taskId, recordMode, userId, eventType, seqNo,
                roomId, body, outcome, attempts, lastError, replay, signature, traceparent, history);
    }

    JournalEntry numbered(long number) {
        return new JournalEntry(number, receivedAt, remoteAddress, bizId, taskId, recordMode, userId, eventType, seqNo,
                roomId, body, outcome, attempts, lastError, replay, signature, traceparent, history);
    }

    /**
     * How a failure is kept: its class and message, cut to {@link #MAX_ERROR_LENGTH} characters.
     *
     * @param failure what an observer threw
     * @return the text kept as {@link #lastError}
     */
    public static String error(Throwable failure) {
        String text = failure.getClass().getName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JournalEntry that && id == that.id && bizId == that.bizId && taskId == that.taskId
                && recordMode == that.recordMode && eventType == that.eventType && seqNo == that.seqNo
                && attempts == that.attempts && replay == that.replay && receivedAt.equals(that.receivedAt)
                && remoteAddress.equals(that.remoteAddress) && userId.equals(that.userId) && roomId.equals(that.roomId)
                && Arrays.equals(body, that.body) && outcome == that.outcome
                && java.util.Objects.equals(lastError, that.lastError)
                && java.util.Objects.equals(signature, that.signature)
                && java.util.Objects.equals(traceparent, that.traceparent) && history.equals(that.history);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "JournalEntry[id=" + id + ", taskId=" + taskId + ", eventType=" + eventType + ", outcome=" + outcome
                + ", attempts=" + attempts + ", replay=" + replay + "]";
    }
}
