package io.github.gmecallback.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class DatabaseClockTest {

    private static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    @Test
    void twoServersWhoseClocksDifferReadTheSameTimeFromTheDatabase() {
        DataSource database = h2();
        Clock right = Clock.systemUTC();
        Clock ahead = Clock.offset(right, Duration.ofSeconds(40));
        DatabaseClock onRight = new DatabaseClock(database, right);
        DatabaseClock onAhead = new DatabaseClock(database, ahead);
        assertTrue(Math.abs(onAhead.offsetMillis() + 40_000) < 1_000, "ahead by 40 s: " + onAhead.offsetMillis());
        assertTrue(Math.abs(onAhead.millis() - onRight.millis()) < 1_000,
                "both read the database's time: " + onAhead.instant() + " and " + onRight.instant());
    }

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
