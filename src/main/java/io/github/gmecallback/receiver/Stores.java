package io.github.gmecallback.receiver;

import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.DedupeSettings;
import io.github.gmecallback.config.RecordingsSettings;
import io.github.gmecallback.dedupe.DedupeStore;
import io.github.gmecallback.dedupe.JdbcDedupeStore;
import io.github.gmecallback.dedupe.MemoryDedupeStore;
import io.github.gmecallback.ledger.JdbcLedgerStore;
import io.github.gmecallback.ledger.LedgerStore;
import io.github.gmecallback.ledger.MemoryLedgerStore;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** The stores a receiver's settings choose, on the server's datasources and clocks. */
final class Stores {

    private Stores() {
    }

    static DedupeStore dedupe(DedupeSettings settings, Clocks clocks) {
        Duration retention = Duration.ofSeconds(settings.retention());
        return switch (settings.store()) {
            case MEMORY -> new MemoryDedupeStore(clocks.server(), retention, settings.maxEntries(),
                    DedupeStore.IN_FLIGHT_WAIT);
            case JDBC -> {
                DataSource dataSource = dataSource(settings);
                yield new JdbcDedupeStore(dataSource, ServerResources.transactions(CallbackSettings.DEDUPE_DATASOURCE),
                        clocks.of(settings.datasource(), dataSource), retention);
            }
            case NONE -> DedupeStore.NONE;
        };
    }

    /**
     * The clock the replay window is judged by: the one the dedupe store's retention runs by (the
     * database's with {@code jdbc}, this server's otherwise). Retention covers {@code max-age} +
     * {@code max-clock-skew} only on one clock: a server whose own clock ran 40 s behind the
     * database's would let in, for 40 s, repeats that the shared store had already forgotten.
     */
    static Clock replayClock(DedupeSettings settings, Clocks clocks) {
        return settings.store() != DedupeSettings.Store.JDBC ? clocks.server()
                : clocks.of(settings.datasource(), dataSource(settings));
    }

    private static DataSource dataSource(DedupeSettings settings) {
        return ServerResources.dataSource(settings.datasource(), CallbackSettings.DEDUPE_DATASOURCE);
    }

    /** The ledger, on the journal's datasource and by its clock where it is {@code jdbc}. */
    static LedgerStore ledger(RecordingsSettings settings, Clocks clocks) {
        return switch (settings.store()) {
            case MEMORY -> new MemoryLedgerStore(clocks.server(), settings.size());
            case JDBC -> {
                DataSource dataSource = ServerResources.dataSource(settings.datasource(),
                        CallbackSettings.RECORDINGS_STORE);
                yield new JdbcLedgerStore(dataSource, clocks.of(settings.datasource(), dataSource),
                        Duration.ofSeconds(settings.retention()),
                        ServerResources.transactions(CallbackSettings.RECORDINGS_STORE));
            }
            case NONE -> LedgerStore.NONE;
        };
    }
}
