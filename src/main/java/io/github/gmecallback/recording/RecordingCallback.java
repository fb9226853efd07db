package io.github.gmecallback.recording;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/**
 * One GME server-side recording callback, verified and bound from the JSON body GME posted.
 *
 * <p>The receiver fires each accepted callback as a CDI event qualified by its type
 * ({@link RecordingStarted @RecordingStarted}, {@link RecordingCompleted @RecordingCompleted},
 * {@link UploadCompleted @UploadCompleted}; an unknown type without a type qualifier):
 * <pre>{@code
 * void onUpload(@Observes @UploadCompleted RecordingCallback cb) {
 *     storage.fetch(cb.detail().fileName(), cb.taskId());
 * }
 * }</pre>
 *
 * <p>{@link #taskId()} is exact: GME's task ids exceed 2<sup>53</sup> (for example
 * {@code 446946705284000000}) and are never read through a {@code double}.
 *
 * <p>For an event type this version does not know, members GME did not send stand in as
 * follows: {@code RecordMode} as {@code -1}, {@code UserID} as {@code ""}, {@link #detail()} as
 * {@code null}. {@code RoomID} is never required and stands in as {@code ""} when absent.
 * Unknown JSON members are ignored.
 *
 * @param bizId      {@code BizID}: the GME application's AppID, e.g. {@code 1400000000}
 * @param roomId     {@code RoomID}: the voice room
 * @param userId     {@code UserID}: whose stream the file holds ({@code ""} for none)
 * @param recordMode {@code RecordMode}: 0 single stream, 1 mixed stream, see {@link #mode()}
 * @param timestamp  {@code Timestamp}: when GME sent the callback, Unix seconds
 * @param taskId     {@code TaskID}: the recording task, exact 64-bit
 * @param eventType  {@code EventType}: 1 started, 2 completed, 3 uploaded, see {@link #type()}
 * @param detail     {@code Detail}: which file; {@code null} only for an unknown type without one
 */
public record RecordingCallback(
        @JsonbProperty("BizID") long bizId,
        @JsonbProperty("RoomID") String roomId,
        @JsonbProperty("UserID") String userId,
        @JsonbProperty("RecordMode") int recordMode,
        @JsonbProperty("Timestamp") long timestamp,
        @JsonbProperty("TaskID") long taskId,
        @JsonbProperty("EventType") int eventType,
        @JsonbProperty("Detail") RecordingDetail detail) {

    /**
     * The JSON-B creator: applies the stand-ins for members an unknown event type may omit.
     *
     * @param bizId      {@code BizID}
     * @param roomId     {@code RoomID}, or {@code null} when absent
     * @param userId     {@code UserID}, or {@code null} when absent
     * @param recordMode {@code RecordMode}, or {@code null} when absent
     * @param timestamp  {@code Timestamp}, or {@code null} when absent
     * @param taskId     {@code TaskID}
     * @param eventType  {@code EventType}
     * @param detail     {@code Detail}, or {@code null} when absent
     * @return the callback
     */
    @JsonbCreator
    public static RecordingCallback of(
            @JsonbProperty("BizID") long bizId,
            @JsonbProperty("RoomID") String roomId,
            @JsonbProperty("UserID") String userId,
            @JsonbProperty("RecordMode") Integer recordMode,
            @JsonbProperty("Timestamp") Long timestamp,
            @JsonbProperty("TaskID") long taskId,
            @JsonbProperty("EventType") int eventType,
            @JsonbProperty("Detail") RecordingDetail detail) {
        return new RecordingCallback(bizId,
                roomId == null ? "" : roomId,
                userId == null ? "" : userId,
                recordMode == null ? RecordMode.UNKNOWN.code() : recordMode,
                timestamp == null ? 0 : timestamp,
                taskId, eventType, detail);
    }

    /**
     * The event type as an enum.
     *
     * @return the type, {@link RecordingEventType#UNKNOWN} for a type this version does not know
     */
    public RecordingEventType type() {
        return RecordingEventType.of(eventType);
    }

    /**
     * The record mode as an enum.
     *
     * @return the mode, {@link RecordMode#UNKNOWN} for any other value
     */
    public RecordMode mode() {
        return RecordMode.of(recordMode);
    }

    /**
     * When GME sent the callback.
     *
     * @return {@link #timestamp()} as an instant
     */
    public Instant sentAt() {
        return Instant.ofEpochSecond(timestamp);
    }
}
