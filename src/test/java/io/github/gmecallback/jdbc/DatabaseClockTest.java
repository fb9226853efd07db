package io.github.gmecallback.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The database's clock, read from each database of the run. When the database cannot be reached:
 * {@link DatabaseClockStandInTest}.
 */
@StoreSuite
class DatabaseClockTest {

    @AutoClose
    private final FreshDatabase database;

    DatabaseClockTest(StoreDatabase on) throws SQLException {
        database = on.fresh();
    }

    @Test
    void readsTheDatabasesTimeWithinASecondOfThisMachinesClock() throws Exception {
        // The database runs on this machine (or one whose clock is kept right): their clocks agree.
        DatabaseClock clock = new DatabaseClock(database.dataSource(), Clock.systemUTC());
        clock.sync();
        assertTrue(Math.abs(clock.offsetMillis()) < 1_000, "the database's time, in UTC: " + clock.offsetMillis() + " ms off");
        assertTrue(Math.abs(clock.millis() - System.currentTimeMillis()) < 1_000, clock.instant().toString());
    }

    @Test
    void twoServersWhoseClocksDifferReadTheSameTimeFromTheDatabase() {
        Clock right = Clock.systemUTC();
        Clock ahead = Clock.offset(right, Duration.ofSeconds(40));
        DatabaseClock onRight = new DatabaseClock(database.dataSource(), right);
        DatabaseClock onAhead = new DatabaseClock(database.dataSource(), ahead);
        assertTrue(Math.abs(onAhead.offsetMillis() + 40_000) < 1_000, "ahead by 40 s: " + onAhead.offsetMillis());
        assertTrue(Math.abs(onAhead.millis() - onRight.millis()) < 1_000,
                "both read the database's time: " + onAhead.instant() + " and " + onRight.instant());
    }
}
