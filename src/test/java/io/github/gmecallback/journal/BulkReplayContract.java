package io.github.gmecallback.journal;

import static io.github.gmecallback.journal.MemoryJournalStoreTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CallbackJournal#replayAll}: only dead letters not replayed yet, oldest first, bounded,
 * each replayed once however often the request is sent, and however many send it at once. Run
 * against the memory journal ({@link BulkReplayTest}) and the jdbc one on each database of the run
 * ({@link JdbcBulkReplayTest}).
 */
abstract class BulkReplayContract {

    private JournalStore store;
    private Journal journal;
    private CallbackJournal callbacks;
    /** The TaskIDs whose replays reached the observers, in order. */
    private final List<Long> replayed = Collections.synchronizedList(new ArrayList<>());

    /**
     * Replays as the delivery modes do: the replay journaled first, then its original marked; a
     * replay that lost its original to another is {@link Outcome#DUPLICATE} and reaches nobody.
     */
    private final Replays replays = (original, unlessReplayed) -> {
        JournalEntry replay = journal.append(entry(original.taskId(), 3, "replay", "r", Instant.now())
                .with(EntryHistory.replayOf(original.id())));
        if (!journal.markReplayed(original.id(), replay.id(), unlessReplayed) && unlessReplayed) {
            return journal.settled(replay, Outcome.DUPLICATE, false, "replayed already");
        }
        replayed.add(original.taskId());
        return journal.settled(replay, Outcome.PROCESSED, true, null);
    };

    /** A new, empty journal store. */
    abstract JournalStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
        journal = new Journal(store, Clock.systemUTC());
        callbacks = new CallbackJournal(journal, replays, null);
    }

    private long dead(long taskId, String userId, int second) throws Exception {
        JournalEntry entry = store.append(entry(taskId, 3, userId, "r", Instant.ofEpochSecond(second)));
        store.update(entry.settled(Outcome.DEAD, 24, "boom"));
        return entry.id();
    }

    @Test
    void replaysTheNewestDeadLettersOldestFirstEachOnceAndCountsPastTheBound() throws Exception {
        for (int i = 0; i < 5; i++) {
            dead(1000 + i, "dead", i);
        }
        store.append(entry(1005, 3, "dead", "r", Instant.ofEpochSecond(5))); // pending: no dead letter
        JournalQuery all = JournalQuery.all().userId("dead");
        assertEquals(5, callbacks.count(all.outcome(Outcome.DEAD), 10));
        assertEquals(4, callbacks.count(all.outcome(Outcome.DEAD), 3), "past the bound it counts one more");

        BulkReplay bulk = callbacks.replayAll(all, 3);
        assertEquals(List.of(1002L, 1003L, 1004L), bulk.replays().stream().map(JournalEntry::taskId).toList(),
                "the newest three dead letters, oldest first; never the pending entry");
        assertEquals(List.of(1002L, 1003L, 1004L), replayed);
        assertTrue(bulk.more(), "five are dead");
        assertEquals(0, bulk.alreadyReplayed());

        BulkReplay rest = callbacks.replayAll(all, 3);
        assertEquals(List.of(1000L, 1001L), rest.replays().stream().map(JournalEntry::taskId).toList(),
                "the replayed ones left the list: the next bulk takes the others");
        assertFalse(rest.more());
        assertThrows(IllegalArgumentException.class, () -> callbacks.replayAll(all, CallbackJournal.MAX_BULK_REPLAY + 1));
    }

    @Test
    void theSameBulkReplaySentTwiceReplaysNothingTheSecondTimeAndSaysWhy() throws Exception {
        long first = dead(3000, "dead", 0);
        dead(3001, "dead", 1);
        dead(3002, "dead", 2);
        JournalQuery query = JournalQuery.all().userId("dead");
        assertEquals(3, callbacks.replayAll(query, 1000).replays().size());
        BulkReplay again = callbacks.replayAll(query, 1000);
        assertEquals(List.of(), again.replays(), "a double click replays nothing more");
        assertEquals(3, again.alreadyReplayed(), "0 replayed, 3 already replayed");
        assertEquals(List.of(3000L, 3001L, 3002L), replayed, "each callback's observers ran once");

        JournalEntry original = store.get(first).orElseThrow();
        assertEquals(Outcome.DEAD, original.outcome(), "the dead letter keeps what became of it");
        long replay = original.history().replayedBy();
        assertEquals(first, store.get(replay).orElseThrow().history().replayOf(), "linked both ways");
        assertEquals(0, callbacks.count(query.outcome(Outcome.DEAD).replayed(false), 10), "off the dead-letter list");
    }

    @Test
    void aReplayThatDiesIsTheCallbacksOneDeadLetter() throws Exception {
        dead(4000, "dead", 0);
        JournalQuery query = JournalQuery.all().taskId(4000);
        JournalEntry replay = callbacks.replayAll(query, 1000).replays().get(0);
        store.update(replay.settled(Outcome.DEAD, 24, "still down"));
        assertEquals(List.of(replay.id()), callbacks.find(query.outcome(Outcome.DEAD).replayed(false)).entries()
                .stream().map(JournalEntry::id).toList(), "one dead letter: the replay's, not the original's too");
        BulkReplay next = callbacks.replayAll(query, 1000);
        assertEquals(1, next.replays().size(), "once the downstream is back: one replay, not two");
        assertEquals(List.of(4000L, 4000L), replayed);
    }

    @Test
    void twoOperatorsReplayingAtOnceReplayEachDeadLetterOnce() throws Exception {
        for (int i = 0; i < 50; i++) {
            dead(5000 + i, "dead", i);
        }
        ExecutorService operators = Executors.newFixedThreadPool(4);
        try {
            List<Callable<BulkReplay>> bulks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                bulks.add(() -> callbacks.replayAll(JournalQuery.all().userId("dead"), 1000));
            }
            int replays = 0;
            for (Future<BulkReplay> bulk : operators.invokeAll(bulks)) {
                replays += bulk.get().replays().size();
            }
            assertEquals(50, replays, "fifty replays among the four requests");
        } finally {
            operators.shutdown();
        }
        assertEquals(50, replayed.size());
        assertEquals(50, replayed.stream().distinct().count(), "each callback once: " + replayed);
    }

    @Test
    void aSingleEntryIsReplayedByHandWhateverItsOutcomeAndAsOftenAsAsked() throws Exception {
        JournalEntry processed = store.append(entry(6000, 3, "fine", "r", Instant.now()));
        store.update(processed.settled(Outcome.PROCESSED, 1, null));
        JournalEntry first = callbacks.replay(processed.id());
        JournalEntry second = callbacks.replay(processed.id());
        assertEquals(List.of(6000L, 6000L), replayed);
        assertEquals(second.id(), store.get(processed.id()).orElseThrow().history().replayedBy(), "the newest replay");
        assertEquals(processed.id(), store.get(first.id()).orElseThrow().history().replayOf());
    }

    @Test
    void anEntryWhoseReplayIsRefusedIsNamedAndTheOthersAreReplayedAllTheSame() throws Exception {
        for (int i = 0; i < 3; i++) {
            dead(2000 + i, "dead", i);
        }
        Replays refusing = (original, unlessReplayed) -> {
            if (original.taskId() == 2001) {
                throw new IllegalStateException("the signature does not verify with the keys configured now");
            }
            return replays.replay(original, unlessReplayed);
        };
        CallbackJournal journal = new CallbackJournal(this.journal, refusing, null);
        BulkReplay bulk = journal.replayAll(JournalQuery.all().userId("dead"), 10);
        assertEquals(List.of(2000L, 2002L), bulk.replays().stream().map(JournalEntry::taskId).toList());
        long refused = journal.find(JournalQuery.all().taskId(2001).outcome(Outcome.DEAD)).entries().get(0).id();
        assertEquals(Map.of(refused, "the signature does not verify with the keys configured now"), bulk.refused());
        assertFalse(bulk.more());
    }
}
