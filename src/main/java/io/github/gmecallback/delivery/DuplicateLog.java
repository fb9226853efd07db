package io.github.gmecallback.delivery;

import io.github.gmecallback.recording.RecordingCallback;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Logs a repeat of a callback processed before at INFO, as {@code duplicate} (never
 * {@code accepted}), with the ids {@link CallbackLog} writes:
 *
 * <pre>
 * duplicate UPLOAD_COMPLETED callback: BizID=1400000000 RoomID=100 ... (processed before; no observer called)
 * </pre>
 *
 * <p>At most {@value LogBudget#PER_MINUTE} such lines a minute, then one summary line a minute
 * with the count ({@link LogBudget}): a duplicate verifies, so whoever captured a callback can
 * replay it at will, and a replay storm must not flood the log. One per application (the
 * receiver builds it), so the limit counts every duplicate the application sees.
 *
 * <p>Not part of the public API.
 */
public final class DuplicateLog {

    private final Logger log;
    private final LogBudget budget;
    private ScheduledFuture<?> summaries;

    /** The duplicate log of an application, on the receiver's logger and the system clock. */
    public DuplicateLog() {
        this(Logger.getLogger("io.github.gmecallback"), Clock.systemUTC());
    }

    DuplicateLog(Logger log, Clock clock) {
        this.log = log;
        this.budget = new LogBudget(clock, count -> log.info(() -> "duplicate: " + count
                + " more duplicates in the last minute were not logged one by one"));
    }

    /**
     * Logs a repeat of a callback processed before, unless this minute's share is spent.
     *
     * @param callback the repeat
     */
    public void duplicate(RecordingCallback callback) {
        if (budget.spend()) {
            log.info(() -> "duplicate " + CallbackLog.describe(callback) + " (processed before; no observer called)");
        }
    }

    /** Writes the summary line if the minute is over with duplicates only counted. */
    void flush() {
        budget.flush();
    }

    /**
     * Writes the summary line every minute, so that the count appears even when the duplicates
     * stop; at most once.
     *
     * @param scheduler the server's managed scheduled executor
     */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (summaries == null) {
            summaries = scheduler.scheduleAtFixedRate(this::flush, 1, 1, TimeUnit.MINUTES);
        }
    }

    /** Stops the summaries, as the application stops. */
    public synchronized void stop() {
        if (summaries != null) {
            summaries.cancel(false);
            summaries = null;
        }
    }
}
