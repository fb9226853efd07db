package io.github.gmecallback.journal;

import static io.github.gmecallback.journal.MemoryJournalStoreTest.entry;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The jdbc journal on a database that cannot be reached, once. Its behaviour on real databases:
 * {@link JdbcJournalStoreTest}.
 */
class JdbcJournalStoreStandInTest {

    private final TestClock clock = new TestClock();

    @Test
    void anUnreachableDatabaseIsReportedAsSuch() throws Exception {
        JdbcDataSource down = new JdbcDataSource();
        down.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing");
        JdbcJournalStore unreachable = new JdbcJournalStore(down, clock, Duration.ofDays(7));
        assertThrows(StoreUnavailableException.class,
                () -> unreachable.append(entry(1, 3, "u", "r", clock.instant())));
        assertThrows(StoreUnavailableException.class, () -> unreachable.find(JournalQuery.all()));
    }
}
