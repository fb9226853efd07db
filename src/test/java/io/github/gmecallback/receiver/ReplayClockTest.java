package io.github.gmecallback.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.jdbc.ThreadTransactions;
import io.github.gmecallback.config.DedupeSettings;
import io.github.gmecallback.config.ReplayWindow;
import io.github.gmecallback.dedupe.CallbackIdentity;
import io.github.gmecallback.dedupe.Claim;
import io.github.gmecallback.dedupe.DedupeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The replay window and the dedupe store's retention judged by one clock, as the receiver wires
 * them ({@link Stores}): the contract's retention of more than {@code max-age} +
 * {@code max-clock-skew} leaves no moment a repeat gets through only while both run by the same
 * time. With a {@code jdbc} store the servers of a cluster share, that is the database's.
 */
class ReplayClockTest {

    private static final long MAX_AGE = 100;
    private static final long SKEW = 10;
    /** The smallest retention the settings accept for that window ({@code ReplayGapTest}). */
    private static final long RETENTION = MAX_AGE + SKEW + 1;
    private static final String DATASOURCE = "java:comp/env/jdbc/gme-dedupe";
    private static final CallbackIdentity CALLBACK = new CallbackIdentity(1, 446946705284000000L, 1, "u", 3, 0);

    private final ThreadTransactions database = new ThreadTransactions(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    private final TestNaming.Bound naming = TestNaming.bind(Map.of(DATASOURCE, database.dataSource(),
            ServerResources.USER_TRANSACTION, database));

    @AfterEach
    void unbind() {
        naming.close();
    }

    @Test
    void aServerWhoseClockIsBehindLetsNoRepeatInThatTheSharedStoreHasForgotten() throws Exception {
        // One server's clock agrees with the database's (both read this machine's); the other's is 40 s behind.
        TestClock right = new TestClock();
        right.advance(Duration.between(right.instant(), Instant.now()));
        Clock behind = Clock.offset(right, Duration.ofSeconds(-40));
        DedupeSettings jdbc = new DedupeSettings(DedupeSettings.Store.JDBC, RETENTION, 1000, DATASOURCE);
        Clocks onRight = new Clocks(right);
        Clocks onBehind = new Clocks(behind);
        DedupeStore storeOnRight = Stores.dedupe(jdbc, onRight);
        DedupeStore storeOnBehind = Stores.dedupe(jdbc, onBehind);
        Clock windowOnRight = Stores.replayClock(jdbc, onRight);
        Clock windowOnBehind = Stores.replayClock(jdbc, onBehind);
        ReplayWindow window = new ReplayWindow(MAX_AGE, SKEW);

        // Processed on the first server at the first moment its window lets the callback in.
        long timestamp = windowOnRight.instant().getEpochSecond() + SKEW;
        assertTrue(window.check(timestamp, windowOnRight.instant()).isEmpty());
        Claim first = storeOnRight.claim(CALLBACK);
        assertEquals(Claim.Outcome.CLAIMED, first.outcome());
        first.succeeded();

        // Repeated to the server behind at the last moment its window lets the repeat in.
        long lastInside = (timestamp + MAX_AGE + 1) * 1000 - 1;
        right.advance(Duration.ofMillis(lastInside - windowOnBehind.millis()));
        assertTrue(window.check(timestamp, windowOnBehind.instant()).isEmpty());
        assertEquals(Claim.Outcome.DUPLICATE, storeOnBehind.claim(CALLBACK).outcome(),
                "the server 40 s behind let a repeat in that the shared store had forgotten: it would reach "
                        + "the observers again (retention " + RETENTION + " s)");
    }

    @ParameterizedTest
    @EnumSource(value = DedupeSettings.Store.class, names = {"MEMORY", "NONE"})
    void withoutADatabaseTheWindowIsJudgedByThisServersClock(DedupeSettings.Store store) {
        Clocks clocks = new Clocks(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(40)));
        assertSame(clocks.server(), Stores.replayClock(new DedupeSettings(store, RETENTION, 1000, DATASOURCE), clocks),
                "the memory store's retention runs by this server's clock");
    }
}
