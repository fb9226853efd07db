package io.github.gmecallback.delivery;

import static io.github.gmecallback.journal.MemoryJournalStoreTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.JdbcJournalStore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Inbox delivery on an in-memory H2 database, such as WildFly's default datasource, once: it is
 * refused, since what is answered 200 must outlive a restart. On durable databases:
 * {@link InboxTableTest}.
 */
class InboxTableInMemoryTest {

    @Test
    void refusesAnInMemoryDatabase() throws Exception {
        TestClock clock = new TestClock();
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        InboxTable inMemory = new InboxTable(new JdbcJournalStore(memory, clock, Duration.ofDays(7)));
        assertFalse(inMemory.durable());
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> inMemory.enqueue(entry(1, 3, "u", "r", Instant.ofEpochMilli(clock.millis())), "a".repeat(64),
                        clock.millis()));
        assertEquals("inbox delivery refuses an in-memory database", e.getMessage());
    }
}
