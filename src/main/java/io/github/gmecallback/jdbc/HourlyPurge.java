package io.github.gmecallback.jdbc;

import java.sql.SQLException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The hourly deletion of a table's rows past retention, on the server's managed scheduled
 * executor: never on a callback's request, and one at a time per server (a periodic task does not
 * overlap itself, and a purge asked for while one runs returns at once instead of starting a
 * second {@code DELETE}).
 */
public final class HourlyPurge {

    /** The statement that deletes the rows past retention. */
    @FunctionalInterface
    public interface Deletion {

        /**
         * Deletes the rows past retention.
         *
         * @return how many went
         * @throws SQLException if the database fails
         */
        int run() throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final String what;
    private final Deletion deletion;
    private final ReentrantLock running = new ReentrantLock();
    private ScheduledFuture<?> schedule;

    /**
     * A purge.
     *
     * @param what     what is purged, for the log ("journal entries")
     * @param deletion the statement
     */
    public HourlyPurge(String what, Deletion deletion) {
        this.what = what;
        this.deletion = deletion;
    }

    /**
     * Schedules the purge: first after {@code firstAfterMinutes}, then an hour after each; at most once.
     *
     * @param scheduler         the server's managed scheduled executor
     * @param firstAfterMinutes minutes before the first purge
     */
    public synchronized void start(ScheduledExecutorService scheduler, long firstAfterMinutes) {
        if (schedule == null) {
            schedule = scheduler.scheduleWithFixedDelay(this::run, firstAfterMinutes, 60, TimeUnit.MINUTES);
        }
    }

    /** Cancels the purge, as the application stops. */
    public synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }

    /**
     * Purges now, unless a purge is under way.
     *
     * @return how many rows went; 0 when a purge was under way or the database failed (logged)
     */
    public int run() {
        if (!running.tryLock()) {
            return 0;
        }
        try {
            int purged = deletion.run();
            LOG.fine(() -> "purged " + purged + " " + what + " past retention");
            return purged;
        } catch (SQLException | RuntimeException e) {
            // Caught whatever it is: an exception would end the periodic purge for good.
            LOG.warning(() -> "purging " + what + " past retention failed (" + e.getMessage()
                    + "); trying again in an hour");
            return 0;
        } finally {
            running.unlock();
        }
    }
}
