package io.github.gmecallback.receiver;

import io.github.gmecallback.jdbc.DatabaseClock;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;

/**
 * The clocks of one receiver: this server's, for what only this server compares (the
 * {@code memory} stores), and one {@link DatabaseClock} per datasource of the {@code jdbc}
 * stores, for what the servers of a cluster compare in the shared tables. The replay window runs
 * by the dedupe store's ({@link Stores#replayClock}).
 */
final class Clocks {

    private final Clock server;
    private final Map<String, DatabaseClock> databases = new LinkedHashMap<>();

    Clocks(Clock server) {
        this.server = server;
    }

    /** This server's clock. */
    Clock server() {
        return server;
    }

    /**
     * The clock of a datasource, one per JNDI name.
     *
     * @param name       the datasource's JNDI name
     * @param dataSource the datasource
     * @return its database's clock
     */
    Clock of(String name, DataSource dataSource) {
        return databases.computeIfAbsent(name, n -> new DatabaseClock(dataSource, server));
    }

    /** Starts reading every database's clock periodically. */
    void start(ScheduledExecutorService scheduler) {
        databases.values().forEach(clock -> clock.start(scheduler));
    }

    /** Stops it. */
    void stop() {
        databases.values().forEach(DatabaseClock::stop);
    }
}
