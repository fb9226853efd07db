package io.github.gmecallback.telemetry;

/**
 * A span made the thread's current one, until {@link #close()}: what observers' own spans nest
 * inside. Use it in try-with-resources on the thread that made it.
 */
public interface Activation extends AutoCloseable {

    /** Nothing was made current. */
    Activation NONE = () -> {
    };

    /** Restores the span that was current before. */
    @Override
    void close();
}
