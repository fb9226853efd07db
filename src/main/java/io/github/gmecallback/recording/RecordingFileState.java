package io.github.gmecallback.recording;

/**
 * How far a recording file has come, by the callbacks processed for it. A state only moves
 * forward: whatever order the callbacks arrive in, the file ends in the state of the latest
 * stage seen.
 */
public enum RecordingFileState {

    /** Only its {@link RecordingStarted} was seen: GME is still recording the file. */
    RECORDING(1),
    /** Its {@link RecordingCompleted} was seen, its {@link UploadCompleted} not yet. */
    COMPLETED(2),
    /** Its {@link UploadCompleted} was seen: final, whatever else was or was not. */
    UPLOADED(3);

    private final int code;

    RecordingFileState(int code) {
        this.code = code;
    }

    /**
     * The state's number: that of the {@code EventType} that brings a file to it (also how the
     * {@code jdbc} ledger stores it).
     *
     * @return 1, 2 or 3
     */
    public int code() {
        return code;
    }

    /**
     * The state a callback of a known event type brings its file to.
     *
     * @param code an {@code EventType}, or a stored state
     * @return the state, or {@code null} for any other number
     */
    public static RecordingFileState of(int code) {
        return switch (code) {
            case 1 -> RECORDING;
            case 2 -> COMPLETED;
            case 3 -> UPLOADED;
            default -> null;
        };
    }
}
