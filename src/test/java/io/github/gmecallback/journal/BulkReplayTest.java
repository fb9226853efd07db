package io.github.gmecallback.journal;

import static io.github.gmecallback.journal.MemoryJournalStoreTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link CallbackJournal#replayAll}: what a filter finds, oldest first, bounded, each replayed once. */
class BulkReplayTest {

    @Test
    void replaysTheNewestMatchesOldestFirstEachOnceAndCountsPastTheBound() throws Exception {
        MemoryJournalStore store = new MemoryJournalStore(100);
        for (int i = 0; i < 7; i++) {
            store.append(entry(1000 + i, 3, i < 5 ? "dead" : "fine", "r", Instant.ofEpochSecond(i)));
        }
        List<Long> replayed = new ArrayList<>();
        Replays replays = original -> {
            replayed.add(original.taskId());
            return original;
        };
        CallbackJournal journal = new CallbackJournal(new Journal(store, Clock.systemUTC()), replays, null);
        JournalQuery dead = JournalQuery.all().userId("dead");
        BulkReplay bulk = journal.replayAll(dead, 3);
        assertEquals(List.of(1002L, 1003L, 1004L), bulk.replays().stream().map(JournalEntry::taskId).toList(),
                "the newest three, oldest first");
        assertEquals(List.of(1002L, 1003L, 1004L), replayed);
        assertTrue(bulk.more(), "five match");
        assertFalse(journal.replayAll(dead, 5).more());
        assertEquals(5, journal.count(dead, 10));
        assertEquals(4, journal.count(dead, 3), "past the bound it counts one more, to say that more match");
        assertThrows(IllegalArgumentException.class, () -> journal.replayAll(dead, CallbackJournal.MAX_BULK_REPLAY + 1));
    }

    @Test
    void anEntryWhoseReplayIsRefusedIsNamedAndTheOthersAreReplayedAllTheSame() throws Exception {
        MemoryJournalStore store = new MemoryJournalStore(100);
        for (int i = 0; i < 3; i++) {
            store.append(entry(2000 + i, 3, "dead", "r", Instant.ofEpochSecond(i)));
        }
        Replays replays = original -> {
            if (original.taskId() == 2001) {
                throw new IllegalStateException("the signature does not verify with the keys configured now");
            }
            return original;
        };
        CallbackJournal journal = new CallbackJournal(new Journal(store, Clock.systemUTC()), replays, null);
        BulkReplay bulk = journal.replayAll(JournalQuery.all().userId("dead"), 10);
        assertEquals(List.of(2000L, 2002L), bulk.replays().stream().map(JournalEntry::taskId).toList());
        long refused = journal.find(JournalQuery.all().taskId(2001)).entries().get(0).id();
        assertEquals(Map.of(refused, "the signature does not verify with the keys configured now"), bulk.refused());
        assertFalse(bulk.more());
    }
}
