package io.github.gmecallback.web;

import io.github.gmecallback.recording.RefusalReason;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Logs refusals at WARNING with their reason and remote address, at most {@value #PER_MINUTE}
 * a minute per reason; past that, refusals of the reason are only counted, and one summary line
 * with the count follows when the minute is over (with the next refusal, or the next
 * {@link #flush()}, whichever comes first).
 *
 * <p>A flood of forged callbacks thus costs a few log lines a minute, not one each.
 */
final class RefusalLog {

    /** Full lines per reason and minute. */
    static final int PER_MINUTE = 10;

    private static final long MINUTE_MILLIS = 60_000;

    private final Logger log;
    private final Clock clock;
    private final Map<RefusalReason, Window> windows = new EnumMap<>(RefusalReason.class);

    RefusalLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
        for (RefusalReason reason : RefusalReason.values()) {
            windows.put(reason, new Window());
        }
    }

    /**
     * Logs one refusal, unless its reason has had its share this minute.
     *
     * @param reason  why the request was refused
     * @param message the answer's message
     * @param remote  the client's address
     */
    void refused(RefusalReason reason, String message, String remote) {
        Window window = windows.get(reason);
        long now = clock.millis();
        boolean logIt;
        synchronized (window) {
            if (now - window.start >= MINUTE_MILLIS) {
                summarize(reason, window);
                window.start = now;
            }
            logIt = window.logged < PER_MINUTE;
            if (logIt) {
                window.logged++;
            } else {
                window.suppressed++;
            }
        }
        if (logIt) {
            log.warning(() -> "refused " + reason.label() + " (" + reason.status() + ") from "
                    + remote + ": " + message);
        }
    }

    /**
     * Writes the summary line of every reason whose minute has ended with refusals not logged one
     * by one; called once a minute, so the count appears even when the refusals stop.
     */
    void flush() {
        long now = clock.millis();
        windows.forEach((reason, window) -> {
            synchronized (window) {
                if (now - window.start >= MINUTE_MILLIS) {
                    summarize(reason, window);
                }
            }
        });
    }

    /** Logs the window's count of refusals not logged one by one, if any, and empties it. */
    private void summarize(RefusalReason reason, Window window) {
        if (window.suppressed > 0) {
            int count = window.suppressed;
            log.warning(() -> "refused " + reason.label() + ": " + count
                    + " more refusals in the last minute were not logged one by one");
        }
        window.logged = 0;
        window.suppressed = 0;
    }

    private static final class Window {
        private long start = Long.MIN_VALUE / 2;
        private int logged;
        private int suppressed;
    }
}
