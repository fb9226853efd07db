package io.github.gmecallback.journal;

import io.github.gmecallback.jdbc.StoreDatabase;
import io.github.gmecallback.jdbc.StoreSuite;
import io.github.gmecallback.jdbc.FreshDatabase;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;

/**
 * Bulk replay on the jdbc journal, on each database of the run: there, two operators replaying at
 * once race on the database's rows, not on one JVM's lock.
 */
@StoreSuite
class JdbcBulkReplayTest extends BulkReplayContract {

    @AutoClose
    private final FreshDatabase database;

    JdbcBulkReplayTest(StoreDatabase on) throws SQLException {
        database = on.fresh();
    }

    @Override
    JournalStore newStore() {
        return new JdbcJournalStore(database.dataSource(), Clock.systemUTC(), Duration.ofDays(7));
    }
}
