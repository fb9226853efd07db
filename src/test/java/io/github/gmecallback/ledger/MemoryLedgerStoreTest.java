package io.github.gmecallback.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryLedgerStoreTest extends LedgerStoreContract {

    @Override
    LedgerStore store() {
        return new MemoryLedgerStore(clock, 1000);
    }

    @Test
    void pastItsSizeTheOldestFilesGoFirst() throws Exception {
        MemoryLedgerStore store = new MemoryLedgerStore(clock, 3);
        for (long task = 1; task <= 5; task++) {
            store.record(callback(task, 1));
        }
        assertEquals(3, store.size());
        assertEquals(List.of(), store.task(BIZ, 1));
        assertEquals(List.of(), store.task(BIZ, 2));
        assertEquals(1, store.task(BIZ, 5).size());
    }
}
