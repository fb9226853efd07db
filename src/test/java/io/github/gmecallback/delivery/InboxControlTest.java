package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.journal.DispatchState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pause of inbox dispatch, on a real H2 database kept in a file, read by two servers. */
class InboxControlTest {

    @Test
    void aPauseOnOneServerIsWhatTheOtherReadsUntilItIsResumed(@TempDir Path directory) throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("control") + ";DB_CLOSE_DELAY=-1");
        TestClock clock = new TestClock();
        InboxControl one = new InboxControl(dataSource, clock);
        InboxControl two = new InboxControl(dataSource, clock);
        assertEquals(DispatchState.RUNNING, two.state(), "never paused");

        DispatchState paused = one.set(true, "alice");
        assertEquals(new DispatchState(true, clock.instant(), "alice"), paused);
        assertTrue(two.state().paused(), "the other server reads the pause");
        Instant since = clock.instant();
        clock.advance(Duration.ofMinutes(5));
        assertEquals(new DispatchState(true, since, "alice"), two.set(true, "bob"),
                "pausing a paused inbox keeps who paused it and when");

        DispatchState resumed = two.set(false, "bob");
        assertEquals(new DispatchState(false, clock.instant(), "bob"), resumed);
        assertFalse(one.state().paused());
    }
}
