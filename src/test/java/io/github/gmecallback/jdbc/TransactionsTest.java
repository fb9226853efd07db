package io.github.gmecallback.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.UserTransaction;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionsTest {

    @Test
    void aTransactionsTimeoutIsWhatIsLeftWhenItBegins() throws Exception {
        List<Integer> timeouts = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        UserTransaction recording = (UserTransaction) Proxy.newProxyInstance(UserTransaction.class.getClassLoader(),
                new Class<?>[] {UserTransaction.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("setTransactionTimeout")) {
                        timeouts.add((Integer) args[0]);
                    }
                    return method.getReturnType() == int.class ? 0 : null;
                });
        Transactions transactions = new Transactions(recording);
        Clock clock = Clock.systemUTC();
        transactions.endBy(clock.millis() + 30_500, clock);
        transactions.begin();
        assertEquals(List.of("setTransactionTimeout", "begin", "setTransactionTimeout"), calls);
        assertTrue(timeouts.get(0) == 31 || timeouts.get(0) == 30, "30.5 s left, rounded up: " + timeouts);
        assertEquals(0, timeouts.get(1), "later transactions of the thread get the default again");

        transactions.endBy(clock.millis() + 900, clock);
        transactions.begin();
        assertEquals(1, timeouts.get(2), "under a second left: a second, not none");
        transactions.endBy(clock.millis() - 1, clock);
        assertThrows(StoreUnavailableException.class, transactions::begin, "none left: none begins");
        transactions.noDeadline();
        calls.clear();
        transactions.begin();
        assertEquals(List.of("begin"), calls);
    }
}
