package io.github.gmecallback.recording;

/**
 * The {@code EventType} of a recording callback, as an enum.
 *
 * <p>GME may add event types: a callback of a type this version does not know is still
 * accepted and fired, without a type qualifier, and {@link RecordingCallback#type()} answers
 * {@link #UNKNOWN} for it while {@link RecordingCallback#eventType()} keeps the number.
 */
public enum RecordingEventType {

    /** {@code EventType} 1: recording of an audio file started. */
    RECORDING_STARTED(1),
    /** {@code EventType} 2: recording of an audio file completed. */
    RECORDING_COMPLETED(2),
    /** {@code EventType} 3: an audio file's upload completed. */
    UPLOAD_COMPLETED(3),
    /** Any other {@code EventType}: a type added to GME after this version. */
    UNKNOWN(-1);

    private final int code;

    RecordingEventType(int code) {
        this.code = code;
    }

    /**
     * The {@code EventType} number; {@code -1} for {@link #UNKNOWN}.
     *
     * @return the number GME sends
     */
    public int code() {
        return code;
    }

    /**
     * The type for an {@code EventType} number.
     *
     * @param code the number GME sent
     * @return its type, {@link #UNKNOWN} for a number this version does not know
     */
    public static RecordingEventType of(int code) {
        return switch (code) {
            case 1 -> RECORDING_STARTED;
            case 2 -> RECORDING_COMPLETED;
            case 3 -> UPLOAD_COMPLETED;
            default -> UNKNOWN;
        };
    }
}
