package io.github.gmecallback.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.TimeoutLog;
import io.github.gmecallback.jdbc.BoundedDataSource;
import io.github.gmecallback.jdbc.StatementTimeouts;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.jdbc.ThreadTransactions;
import io.github.gmecallback.jdbc.Transactions;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The jdbc store against stand-ins for a database, once: a driver that only notes the timeouts it
 * is asked for, and a database that cannot be reached. Its behaviour on real databases:
 * {@link JdbcDedupeStoreTest}.
 */
class JdbcDedupeStoreStandInTest {

    private static final CallbackIdentity A = new CallbackIdentity(1, 446946705284000000L, 1, "999", 3, 0);

    @Test
    void aClaimOnPostgresqlOutlastsItsLockWaitSoThatTheWaitEndsIt() throws Exception {
        TimeoutLog postgres = new TimeoutLog("PostgreSQL");
        DedupeTable table = new DedupeTable(new BoundedDataSource(postgres.dataSource()), 100_000);
        try (StatementTimeouts.Scope waiting = StatementTimeouts.whileGmeWaits()) {
            table.insert(A, 0, 4_000);
            table.insert(A, 0, 1_500);
        }
        table.insert(A, 0, 4_000);
        assertEquals(List.of(5, 3, 30), postgres.runs().stream()
                .map(run -> Integer.parseInt(run.replaceAll(".* @ (\\d+) s$", "$1"))).toList(),
                "a second past a 4 s lock wait; the bound of the thread where that is longer");
    }

    @Test
    void aDatabaseThatCannotBeReachedMakesTheStoreUnavailable() {
        DataSource down = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("connection refused", "08001");
                });
        Transactions transactions = new Transactions(new ThreadTransactions(down));
        JdbcDedupeStore store = new JdbcDedupeStore(down, transactions, new TestClock(), Duration.ofSeconds(100));
        assertThrows(StoreUnavailableException.class, () -> store.claim(A));
    }
}
