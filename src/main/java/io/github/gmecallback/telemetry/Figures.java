package io.github.gmecallback.telemetry;

import java.time.Clock;

/**
 * The state the gauges read: refreshed by the sweeps that run anyway, after each of their runs
 * (the inbox sweep every 5 s, the overdue sweep every minute or half the shortest timeout), so
 * that a scrape, however often, reads fields and never a table.
 *
 * <p>The oldest entry's age is computed at the scrape from when it became due, so it grows
 * between sweeps; an entry dispatched since the last sweep leaves the figures until the next.
 */
public final class Figures {

    private static final long NONE_DUE = Long.MAX_VALUE;

    private final Clock clock;
    private final boolean inbox;
    private final boolean recordings;
    private volatile boolean watched;
    private volatile long pending;
    private volatile long oldestDueAt = NONE_DUE;
    private volatile long overdue;

    /**
     * The figures of an application.
     *
     * @param clock      the inbox's clock (the database's, where the journal is {@code jdbc})
     * @param inbox      whether it delivers through the inbox (and has its gauges)
     * @param recordings whether it keeps a recording ledger (and has the overdue gauge)
     */
    public Figures(Clock clock, boolean inbox, boolean recordings) {
        this.clock = clock;
        this.inbox = inbox;
        this.recordings = recordings;
    }

    /** Whether a gauge reads them: the sweeps skip their counting statements otherwise. */
    public boolean watched() {
        return watched;
    }

    void watch() {
        watched = true;
    }

    boolean inbox() {
        return inbox;
    }

    boolean recordings() {
        return recordings;
    }

    /**
     * What the inbox sweep counted.
     *
     * @param pending     entries waiting ({@code PENDING}, due or not, leased or not)
     * @param oldestDueAt when the longest due of them became due (epoch ms), or {@code null} for none
     */
    public void inbox(long pending, Long oldestDueAt) {
        this.pending = pending;
        this.oldestDueAt = oldestDueAt == null ? NONE_DUE : oldestDueAt;
    }

    /**
     * What the overdue sweep counted.
     *
     * @param overdue files overdue now
     */
    public void overdue(long overdue) {
        this.overdue = overdue;
    }

    long inboxPending() {
        return pending;
    }

    /** Seconds the oldest due entry has waited, now; 0 when none waits. */
    double inboxOldestAgeSeconds() {
        long due = oldestDueAt;
        return due == NONE_DUE ? 0 : Math.max(0, clock.millis() - due) / 1000.0;
    }

    long recordingsOverdue() {
        return overdue;
    }
}
