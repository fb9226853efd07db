package io.github.gmecallback.recording;

/**
 * The {@code RecordMode} of a recording callback: whose audio the file holds.
 *
 * <p>One recording task can record every user's stream on its own and the room's mixed stream
 * at the same time, so the same TaskID, EventType and SeqNo can arrive once per user and once
 * for the mix.
 */
public enum RecordMode {

    /** {@code RecordMode} 0: one user's own stream ({@link RecordingCallback#userId()}). */
    SINGLE_STREAM(0),
    /** {@code RecordMode} 1: the room's mixed stream. */
    MIXED_STREAM(1),
    /** Any other value, or none (only for unknown event types, where it stands in as -1). */
    UNKNOWN(-1);

    private final int code;

    RecordMode(int code) {
        this.code = code;
    }

    /**
     * The {@code RecordMode} number; {@code -1} for {@link #UNKNOWN}.
     *
     * @return the number GME sends
     */
    public int code() {
        return code;
    }

    /**
     * The mode for a {@code RecordMode} number.
     *
     * @param code the number GME sent
     * @return its mode, {@link #UNKNOWN} for any other number
     */
    public static RecordMode of(int code) {
        return switch (code) {
            case 0 -> SINGLE_STREAM;
            case 1 -> MIXED_STREAM;
            default -> UNKNOWN;
        };
    }
}
