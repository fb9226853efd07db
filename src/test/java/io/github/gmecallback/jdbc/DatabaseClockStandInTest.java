package io.github.gmecallback.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The database's clock when a stand-in for the database cannot be reached, once. */
class DatabaseClockStandInTest {

    @Test
    void aDatabaseThatCannotBeReachedLeavesTheLastDifference() throws Exception {
        DataSource down = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("connection refused", "08001");
                });
        DatabaseClock clock = new DatabaseClock(down, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(40)));
        assertEquals(0, clock.offsetMillis(), "this server's own clock stands in until the database answers");
        assertThrows(SQLException.class, clock::sync);
    }
}
