package io.github.gmecallback.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.recording.RecordingFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger's public API reads no more than it answers. */
class RecordingLedgerTest {

    private static final long BIZ = LedgerStoreContract.BIZ;

    @Test
    void aTaskOfMoreFilesThanTheBoundGivesTheFirstOnesInOrder() throws Exception {
        MemoryLedgerStore store = new MemoryLedgerStore(new TestClock(), 20_000);
        int bound = RecordingLedger.MAX_TASK_FILES;
        for (int seqNo = 1; seqNo <= bound + 1; seqNo++) {
            store.record(LedgerStoreContract.callback(60, 1, 0, "u1", seqNo));
        }
        RecordingLedger ledger = new RecordingLedger(store, null);
        List<RecordingFile> files = ledger.task(BIZ, 60);
        assertEquals(bound, files.size(), "at most the bound of files");
        assertEquals(1, files.get(0).seqNo());
        assertEquals(bound, files.get(bound - 1).seqNo(), "the first ones by SeqNo");
        assertTrue(ledger.taskFiles(BIZ, 60).hasMore(), "and the result says the task has more");
        store.record(LedgerStoreContract.callback(61, 1));
        assertFalse(ledger.taskFiles(BIZ, 61).hasMore());
    }

    @Test
    void aPagePastTheThousandthIsRefusedBeforeAnyRead() {
        assertEquals(999, RecordingQuery.all().page(RecordingQuery.MAX_PAGE, 10).page());
        assertThrows(IllegalArgumentException.class, () -> RecordingQuery.all().page(1000, 10));
        assertThrows(IllegalArgumentException.class, () -> RecordingQuery.all().page(Integer.MAX_VALUE, 500));
    }
}
