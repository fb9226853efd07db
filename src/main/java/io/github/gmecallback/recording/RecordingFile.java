package io.github.gmecallback.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One recording file as the receiver's ledger knows it: the identity its three callbacks share
 * ({@code BizID}, {@code TaskID}, {@code RecordMode}, {@code UserID}, {@code SeqNo}), and when each
 * of them was first processed.
 *
 * <p>A time is {@code null} where that callback was never processed. A later stage seen without
 * an earlier one is a {@linkplain #gaps() gap}: GME's callbacks can be lost, and a file that was
 * uploaded without its start ever arriving is still {@link RecordingFileState#UPLOADED}.
 *
 * @param bizId        {@code BizID}
 * @param taskId       {@code TaskID}
 * @param recordMode   {@code RecordMode}: 0 one user's stream, 1 the mixed stream
 * @param userId       {@code UserID} of a user's stream (GME sends one for the mix too)
 * @param seqNo        {@code Detail.SeqNo}: GME splits a long recording into files 1, 2, …
 * @param roomId       {@code RoomID}, as the first processed callback of the file said
 * @param fileName     {@code Detail.FileName}, as the first callback that named it said; may be {@code null}
 * @param startedAt    when its {@link RecordingStarted} was first processed
 * @param completedAt  when its {@link RecordingCompleted} was first processed
 * @param uploadedAt   when its {@link UploadCompleted} was first processed
 * @param state        how far it has come
 * @param stateSince   since when it is in that state
 * @param overdueSince when the overdue sweep found it overdue in this state; {@code null} if it is not
 */
public record RecordingFile(long bizId, long taskId, int recordMode, String userId, long seqNo, String roomId,
        String fileName, Instant startedAt, Instant completedAt, Instant uploadedAt, RecordingFileState state,
        Instant stateSince, Instant overdueSince) {

    /**
     * Whether the sweep found the file overdue: stuck in its state past the timeout. A callback
     * that moves it on clears this.
     *
     * @return {@code true} when overdue
     */
    public boolean overdue() {
        return overdueSince != null;
    }

    /**
     * When the latest of its callbacks was first processed: how the ledger orders files, newest
     * first, and what its time filters compare.
     *
     * @return the latest of the three times
     */
    public Instant lastAt() {
        Instant last = stateSince;
        for (Instant at : new Instant[] {startedAt, completedAt, uploadedAt}) {
            if (at != null && (last == null || at.isAfter(last))) {
                last = at;
            }
        }
        return last;
    }

    /**
     * The file's mode.
     *
     * @return mixed stream or a user's own stream
     */
    public RecordMode mode() {
        return RecordMode.of(recordMode);
    }

    /**
     * The callbacks that never arrived although a later one did: for an uploaded file whose
     * start was lost, {@code [RECORDING_STARTED]}.
     *
     * @return the missing earlier event types, in order; empty when there is no gap
     */
    public List<RecordingEventType> gaps() {
        List<RecordingEventType> gaps = new ArrayList<>(2);
        if (startedAt == null && state != RecordingFileState.RECORDING) {
            gaps.add(RecordingEventType.RECORDING_STARTED);
        }
        if (completedAt == null && state == RecordingFileState.UPLOADED) {
            gaps.add(RecordingEventType.RECORDING_COMPLETED);
        }
        return gaps;
    }

    /**
     * When the callback of an event type was first processed.
     *
     * @param type an event type
     * @return its time, or {@code null} when it was never processed (always for {@code UNKNOWN})
     */
    public Instant at(RecordingEventType type) {
        return switch (type) {
            case RECORDING_STARTED -> startedAt;
            case RECORDING_COMPLETED -> completedAt;
            case UPLOAD_COMPLETED -> uploadedAt;
            case UNKNOWN -> null;
        };
    }
}
