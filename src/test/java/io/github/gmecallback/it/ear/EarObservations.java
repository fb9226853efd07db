package io.github.gmecallback.it.ear;

import io.github.gmecallback.recording.RecordingCallback;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the EAR's observers saw, as {@code <observer> <TaskID> <EventType>}. Static on purpose:
 * this class sits in the EAR's lib/, loaded once for the whole application, so every module
 * (the EJB jar, the lib jar, the web module that reports it) shares one list whatever the
 * server does with CDI instances per module.
 */
public final class EarObservations {

    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    private EarObservations() {
    }

    public static void note(String observer, RecordingCallback callback) {
        SEEN.add(observer + " " + callback.taskId() + " " + callback.eventType());
    }

    public static List<String> seen() {
        return List.copyOf(SEEN);
    }
}
