package io.github.gmecallback.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The database's clock, read through this server's own. The times that the servers of a
 * cluster write into shared tables and compare there (when an inbox entry's lease runs out, when
 * it is due, a purge's cut-off, when a callback was processed) must come from one clock: judged
 * by each server's own, a server whose clock runs 40 s ahead takes a lease over 40 s early,
 * while its owner's observers still run.
 *
 * <p>So this clock asks the database for its time ({@link SqlDialect#clock()}) every
 * {@value #SYNC_SECONDS} s, keeps the difference to this server's clock, and answers from this
 * server's clock plus that difference, without a round trip per reading. It is as exact as half
 * a round trip to the database, and follows this server's clock being set within
 * {@value #SYNC_SECONDS} s.
 */
public final class DatabaseClock extends Clock {

    /** How often the database is asked for its time. */
    public static final int SYNC_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final DataSource dataSource;
    private final Clock local;
    private volatile long offsetMillis;
    private volatile boolean synced;
    private ScheduledFuture<?> syncing;

    /**
     * The clock of a database, read once now where it answers.
     *
     * @param dataSource the database
     * @param local      this server's clock
     */
    public DatabaseClock(DataSource dataSource, Clock local) {
        this.dataSource = dataSource;
        this.local = local;
        trySync();
    }

    /**
     * Asks the database for its time now, and keeps the difference.
     *
     * @throws SQLException if the database cannot be reached; the last difference stays
     */
    public void sync() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            long before = local.millis();
            long database;
            try (ResultSet row = statement.executeQuery(SqlDialect.of(connection).clock())) {
                row.next();
                database = row.getLong(1);
            }
            long after = local.millis();
            offsetMillis = database - (before + after) / 2;
            synced = true;
        }
    }

    /** Reads the database's time every {@value #SYNC_SECONDS} s from now on; at most once. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (syncing == null) {
            syncing = scheduler.scheduleWithFixedDelay(this::trySync, SYNC_SECONDS, SYNC_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Stops reading it, as the application stops. */
    public synchronized void stop() {
        if (syncing != null) {
            syncing.cancel(false);
            syncing = null;
        }
    }

    /**
     * The difference last measured.
     *
     * @return the database's clock less this server's, in milliseconds
     */
    public long offsetMillis() {
        return offsetMillis;
    }

    private void trySync() {
        try {
            sync();
        } catch (SQLException | RuntimeException e) {
            // Caught whatever it is: an exception would end the periodic reading for good.
            LOG.warning(() -> "the database's clock cannot be read (" + e.getMessage() + "); "
                    + (synced ? "the last difference to it stays" : "this server's own clock stands in for it"));
        }
    }

    @Override
    public long millis() {
        return local.millis() + offsetMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the database's clock is read in UTC");
    }
}
