package io.github.gmecallback.binding;

import io.github.gmecallback.recording.RecordingEventType;

/** The event types whose members this version knows and requires. */
final class KnownTypes {

    private KnownTypes() {
    }

    static boolean isKnown(int eventType) {
        return RecordingEventType.of(eventType) != RecordingEventType.UNKNOWN;
    }
}
