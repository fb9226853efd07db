package io.github.gmecallback.recording;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The {@code Detail} object of a recording callback: which file of the recording it is about.
 *
 * <p>A recording is split into several files; {@link #seqNo()} numbers them from 0 within one
 * stream of one task, and {@link #fileName()} is the file's path in the storage GME uploads to,
 * for example {@code 1400000000_100_999/2023-02-09-16-16-45_446946705284000000_audio.mp3}.
 *
 * <p>For the known event types both members are always present (a callback without them is
 * refused). For an event type this version does not know, {@code SeqNo} stands in as {@code -1}
 * and {@code FileName} as {@code null} when GME did not send them as a number and a string.
 *
 * @param seqNo    index of the file within its stream, from {@code SeqNo}
 * @param fileName the recorded file's name, from {@code FileName}
 */
public record RecordingDetail(
        @JsonbProperty("SeqNo") long seqNo,
        @JsonbProperty("FileName") String fileName) {

    /** {@code SeqNo} of a detail that did not carry one (only for unknown event types). */
    public static final long NO_SEQ_NO = -1;

    /**
     * The JSON-B creator: a missing {@code SeqNo} becomes {@link #NO_SEQ_NO}.
     *
     * @param seqNo    {@code SeqNo}, or {@code null} when absent
     * @param fileName {@code FileName}, or {@code null} when absent
     * @return the detail
     */
    @JsonbCreator
    public static RecordingDetail of(
            @JsonbProperty("SeqNo") Long seqNo,
            @JsonbProperty("FileName") String fileName) {
        return new RecordingDetail(seqNo == null ? NO_SEQ_NO : seqNo, fileName);
    }
}
