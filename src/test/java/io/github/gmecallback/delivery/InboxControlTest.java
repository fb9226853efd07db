package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.journal.DispatchState;
import io.github.gmecallback.jdbc.StoreDatabase;
import io.github.gmecallback.jdbc.StoreSuite;
import io.github.gmecallback.jdbc.FreshDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The pause of inbox dispatch, on each database of the run, read by two servers. */
@StoreSuite
class InboxControlTest {

    @AutoClose
    private final FreshDatabase database;

    InboxControlTest(StoreDatabase on) throws SQLException {
        database = on.fresh();
    }

    @Test
    void aPauseOnOneServerIsWhatTheOtherReadsUntilItIsResumed() throws Exception {
        DataSource dataSource = database.dataSource();
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
