package io.github.gmecallback.delivery;

import java.time.Clock;
import java.util.function.IntConsumer;

/**
 * How many lines of one kind the receiver writes a minute: the first {@value #PER_MINUTE} in
 * full, the rest only counted, and the count written as one summary line once the minute is
 * over (with the next line asked for, or the next {@link #flush()}, whichever comes first).
 *
 * <p>Whatever a sender can repeat at will (a forged callback, a captured one replayed) thus
 * costs a few log lines a minute, not one each. One budget per kind of line:
 *
 * <pre>
 * LogBudget budget = new LogBudget(clock,
 *         count -&gt; log.info(() -&gt; "duplicate: " + count + " more ... not logged one by one"));
 * if (budget.spend()) {
 *     log.info(line);
 * }
 * scheduler.scheduleAtFixedRate(budget::flush, 1, 1, TimeUnit.MINUTES); // the count also when lines stop
 * </pre>
 *
 * Not part of the public API.
 */
public final class LogBudget {

    /** Full lines a minute. */
    public static final int PER_MINUTE = 10;

    private static final long MINUTE_MILLIS = 60_000;

    private final Clock clock;
    private final IntConsumer summary;
    private long start = Long.MIN_VALUE / 2;
    private int logged;
    private int suppressed;

    /**
     * A budget whose minutes run by the clock.
     *
     * @param clock   the time minutes run by
     * @param summary writes the summary line, given how many lines were only counted
     */
    public LogBudget(Clock clock, IntConsumer summary) {
        this.clock = clock;
        this.summary = summary;
    }

    /**
     * Takes one line from this minute's budget.
     *
     * @return whether to write the line in full; {@code false} once the minute's share is spent
     */
    public synchronized boolean spend() {
        long now = clock.millis();
        if (now - start >= MINUTE_MILLIS) {
            summarize();
            start = now;
        }
        if (logged < PER_MINUTE) {
            logged++;
            return true;
        }
        suppressed++;
        return false;
    }

    /**
     * Writes the summary line if the minute has ended with lines only counted; call it once a
     * minute, so that the count appears even when the lines stop coming.
     */
    public synchronized void flush() {
        if (clock.millis() - start >= MINUTE_MILLIS) {
            summarize();
        }
    }

    /** Writes the count of lines not written one by one, if any, and starts counting anew. */
    private void summarize() {
        if (suppressed > 0) {
            summary.accept(suppressed);
        }
        logged = 0;
        suppressed = 0;
    }
}
