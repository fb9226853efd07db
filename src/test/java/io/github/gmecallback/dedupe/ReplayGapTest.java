package io.github.gmecallback.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.jdbc.ThreadTransactions;
import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.InvalidSettingException;
import io.github.gmecallback.config.ReplayWindow;
import io.github.gmecallback.jdbc.ThreadTransactions;
import io.github.gmecallback.jdbc.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The window's edge against the store's: a repeat of a processed callback must meet its record
 * for as long as the window lets the repeat in. The window is judged in whole seconds, a record
 * expires to the millisecond, so the last moment a repeat is let in lies almost a second past
 * {@code max-age}, and the smallest retention the settings accept must still cover it.
 */
class ReplayGapTest {

    private static final long MAX_AGE = 100;
    private static final long SKEW = 10;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdbc"})
    void theSmallestRetentionAcceptedLeavesNoMomentAReplayGetsThrough(String kind) throws Exception {
        long retention = smallestAcceptedRetention();
        TestClock clock = new TestClock();
        DedupeStore store = store(kind, clock, Duration.ofSeconds(retention));
        ReplayWindow window = new ReplayWindow(MAX_AGE, SKEW);

        // Processed at the first moment the window lets it in: its Timestamp SKEW seconds ahead.
        long timestamp = clock.instant().getEpochSecond() + SKEW;
        CallbackIdentity identity = new CallbackIdentity(1, 446946705284000000L, 1, "u", 3, 0);
        Claim first = store.claim(identity);
        assertEquals(Claim.Outcome.CLAIMED, first.outcome());
        first.succeeded();

        // Every later moment, in 100 ms steps, up to the last the window lets a repeat in.
        long start = clock.millis();
        long lastInside = (timestamp + MAX_AGE + 1) * 1000 - 1;
        assertTrue(window.check(timestamp, Instant.ofEpochMilli(lastInside + 1)).isPresent());
        for (long at = start + 100; at <= lastInside; at = at == lastInside ? at + 1 : Math.min(at + 100, lastInside)) {
            clock.advance(Duration.ofMillis(at - clock.millis()));
            assertTrue(window.check(timestamp, clock.instant()).isEmpty());
            long after = at - start;
            assertEquals(Claim.Outcome.DUPLICATE, store.claim(identity).outcome(), () -> "a repeat " + after
                    + " ms after the first copy, still inside the window, would reach the observers again "
                    + "(retention " + retention + " s)");
        }
    }

    /** The smallest retention the settings accept for the window, found by asking them. */
    private static long smallestAcceptedRetention() {
        for (long retention = MAX_AGE; ; retention++) {
            Config config = config(Map.of("gme.callback.secret-key", "k", "gme.callback.max-age", "" + MAX_AGE,
                    "gme.callback.max-clock-skew", "" + SKEW, "gme.callback.dedupe.retention", "" + retention));
            try {
                CallbackSettings.from(config);
                return retention;
            } catch (InvalidSettingException tooShort) {
                assertEquals(CallbackSettings.DEDUPE_RETENTION, tooShort.key());
            }
        }
    }

    private static DedupeStore store(String kind, TestClock clock, Duration retention) {
        if (kind.equals("memory")) {
            return new MemoryDedupeStore(clock, retention, 1000, Duration.ofSeconds(1));
        }
        var transactions = new ThreadTransactions(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new JdbcDedupeStore(transactions.dataSource(), new Transactions(transactions), clock, retention);
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }
}
