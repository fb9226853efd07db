package io.github.gmecallback.telemetry;

import java.util.Locale;

/**
 * What became of a callback request, as the {@code outcome} attribute of
 * {@code gme.callback.requests} and {@code gme.callback.request.duration} says it.
 */
public enum RequestOutcome {

    /** Answered 200: processed, or committed to the inbox. */
    ACCEPTED,
    /** Answered 200 without calling an observer: processed before. */
    DUPLICATE,
    /** Refused for a {@link io.github.gmecallback.recording.RefusalReason} (4xx, or 503 without a key). */
    REFUSED,
    /** Answered 500: an observer failed, and GME retries. */
    FAILED,
    /** Answered 503: a store could not take it, or a copy was still being processed. */
    UNAVAILABLE;

    private final String attribute = name().toLowerCase(Locale.ROOT);

    /** The attribute's value: the name in lower case. */
    public String attribute() {
        return attribute;
    }
}
