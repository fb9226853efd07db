package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.recording.CallbackDeadLettered;
import io.github.gmecallback.recording.RecordingCallback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import io.github.gmecallback.jdbc.StoreDatabase;
import io.github.gmecallback.jdbc.StoreSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code sync} deployment on the journal an {@code inbox} deployment left callbacks
 * {@code PENDING} in: it dispatches them as the inbox does (leased, verified, claimed, retried,
 * dead after max-attempts), says how many wait, and stops sweeping once none is left; new callbacks
 * go to {@code sync} delivery, never into the inbox.
 */
@StoreSuite
class InboxDrainTest {

    private final InboxFixture inbox;
    /** What reached the {@code sync} delivery. */
    private final List<RecordingCallback> synced = new ArrayList<>();

    InboxDrainTest(StoreDatabase on) throws Exception {
        inbox = new InboxFixture(on);
    }

    @AfterEach
    void close() throws Exception {
        inbox.close();
    }

    private InboxDrain drain(InboxDispatch.Parts parts) {
        Delivery sync = new Delivery() {
            @Override
            public Answer deliver(RecordingCallback callback, byte[] body, String signature, String remoteAddress,
                    String traceparent) {
                synced.add(callback);
                return Answer.OK;
            }

            @Override
            public JournalEntry replay(JournalEntry original, boolean unlessReplayed) {
                throw new UnsupportedOperationException();
            }
        };
        return new InboxDrain(sync, parts, Runnable::run, inbox.scheduler);
    }

    /** What the drain itself said at a level. */
    private List<String> said(Level level) {
        return inbox.logged(level).stream().filter(message -> message.startsWith("sync delivery:")).toList();
    }

    @Test
    void dispatchesEachCallbackAnInboxDeploymentLeftPendingOnceThenStopsSweeping() throws Exception {
        long first = inbox.leftPending(1);
        long second = inbox.leftPending(2);
        // Accepted by a server that died before dispatching it: leased, the lease long run out.
        long abandoned = inbox.table.enqueue(inbox.journal.pending(inbox.bound(InboxFixture.body(3)),
                InboxFixture.body(3), InboxFixture.signature(InboxFixture.body(3)), "10.0.0.1", null, false),
                "3".repeat(64), inbox.clock.millis(), InboxTable.unlessPaused(new LeaseHolder("dead", "b"),
                        inbox.clock.millis(), inbox.clock.millis() + 30_000)).entry().id();
        inbox.clock.advance(Duration.ofSeconds(31));
        InboxDrain drain = drain(inbox.parts(inbox.jdbcDedupe(), true));

        drain.start();
        assertEquals(List.of(), inbox.observed.sync, "nothing before the first sweep");
        inbox.scheduler.tick();

        assertEquals(List.of(1L, 2L, 3L), inbox.observed.syncTasks().stream().sorted().toList(), "each once");
        for (long id : List.of(first, second, abandoned)) {
            assertEquals(Outcome.PROCESSED, inbox.entry(id).outcome(), "entry " + id);
        }
        assertEquals(1, inbox.entry(first).attempts());
        assertEquals(2, inbox.entry(abandoned).attempts(), "the dead server's attempt, and this one");
        assertEquals(3, inbox.count("SELECT COUNT(*) FROM gme_callback_dedupe"),
                "each dedupe record committed with its entry's outcome");
        List<String> warnings = inbox.logged(Level.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("sync delivery: 3 callbacks accepted by an inbox deployment wait "
                + "PENDING in gme_callback_journal; this server dispatches them as inbox delivery does"), warnings.get(0));
        assertFalse(warnings.get(0).contains("is not jdbc"), "the dedupe store is the inbox's: " + warnings.get(0));
        assertTrue(drain.pausable(), "while entries wait, the console may pause and resume them");

        inbox.scheduler.tick();
        assertEquals(List.of("sync delivery: every callback an inbox deployment left is settled; "
                + "gme_callback_journal is no longer swept"), said(Level.INFO));
        assertEquals(0, inbox.scheduler.periodic(), "neither the sweep nor the leases' heartbeat runs any more");
        assertFalse(drain.pausable());
        assertThrows(IllegalStateException.class, () -> drain.pause("alice"), "plain sync delivery now");

        byte[] body = InboxFixture.body(4);
        assertEquals(Answer.OK, drain.deliver(inbox.bound(body), body, InboxFixture.signature(body), "10.0.0.1", null));
        assertEquals(List.of(4L), synced.stream().map(RecordingCallback::taskId).toList(), "new callbacks go to sync");
        assertEquals(3, inbox.count("SELECT COUNT(*) FROM gme_callback_journal"), "and none into the inbox's table");
    }

    @Test
    void aFailingObserverIsRetriedWithTheBackOffAndItsEntryEndsDeadWithOneDeadLetter() throws Exception {
        long id = inbox.leftPending(5);
        inbox.observed.failing.add(5L);
        InboxDrain drain = drain(inbox.parts(inbox.jdbcDedupe(), true));
        drain.start();

        inbox.scheduler.tick();
        JournalEntry waiting = inbox.entry(id);
        assertEquals(Outcome.PENDING, waiting.outcome(), "the first of 2 attempts failed");
        assertEquals(1, waiting.attempts());
        assertEquals("java.lang.IllegalStateException: test observer fails on purpose", waiting.lastError());
        assertEquals(0, inbox.count("SELECT COUNT(*) FROM gme_callback_dedupe"), "rolled back");
        inbox.scheduler.tick();
        assertEquals(1, inbox.observed.sync.size(), "not again before the back-off's 1 s");

        inbox.clock.advance(Duration.ofMillis(1001));
        inbox.scheduler.tick();
        JournalEntry dead = inbox.entry(id);
        assertEquals(Outcome.DEAD, dead.outcome());
        assertEquals(2, dead.attempts());
        assertEquals(2, inbox.observed.sync.size());
        assertEquals(1, inbox.observed.async.size(), inbox.observed.async.toString());
        assertEquals(id, ((CallbackDeadLettered) inbox.observed.async.get(0)).entryId());

        inbox.scheduler.tick();
        assertEquals(0, inbox.scheduler.periodic(), "dead is settled: nothing is left to sweep");
    }

    @Test
    void withAMemoryDedupeStoreTheOutcomeIsWrittenAfterTheObserversAndTheWarningSaysSo() throws Exception {
        long id = inbox.leftPending(6);
        InboxDrain drain = drain(inbox.parts(inbox.memoryDedupe(), false));
        drain.start();
        inbox.scheduler.tick();

        assertEquals(List.of(6L), inbox.observed.syncTasks());
        assertEquals(Outcome.PROCESSED, inbox.entry(id).outcome());
        assertEquals(1, inbox.observed.async.size(), "the asynchronous observers after the claim");
        String warning = inbox.logged(Level.WARNING).get(0);
        assertTrue(warning.startsWith("sync delivery: 1 callback accepted by an inbox deployment wait"), warning);
        assertTrue(warning.contains("gme.callback.dedupe.store is not jdbc on the journal's datasource, so an "
                + "entry's outcome is written after its observers rather than with them"), warning);
    }

    @Test
    void aPauseTheInboxDeploymentLeftHoldsTheDrainUntilAnOperatorResumesIt() throws Exception {
        long id = inbox.leftPending(7);
        new InboxControl(inbox.store.dataSource(), inbox.clock).set(true, "alice");
        InboxDrain drain = drain(inbox.parts(inbox.jdbcDedupe(), true));
        drain.start();

        inbox.scheduler.tick();
        inbox.scheduler.tick();
        assertEquals(List.of(), inbox.observed.sync, "the database grants no lease while paused");
        assertEquals(0, inbox.entry(id).attempts());
        String warning = inbox.logged(Level.WARNING).get(0);
        assertTrue(warning.contains("; dispatch is paused since ") && warning.contains(" by alice: resume it in the "
                + "console (or CallbackJournal.resume) to dispatch them"), warning);
        assertTrue(drain.pausable());
        assertTrue(drain.dispatchState().paused());
        assertEquals(2, inbox.scheduler.periodic(), "still sweeping, and the leases' heartbeat");

        assertFalse(drain.resume("bob").paused());
        inbox.scheduler.tick();
        assertEquals(List.of(7L), inbox.observed.syncTasks());
        assertEquals(Outcome.PROCESSED, inbox.entry(id).outcome());
    }

    @Test
    void anEntryALiveInboxServerAcceptsAfterTheStartIsLeftToThatServer() throws Exception {
        long left = inbox.leftPending(8);
        InboxDrain drain = drain(inbox.parts(inbox.jdbcDedupe(), true));
        drain.start();
        inbox.scheduler.tick();
        long later = inbox.leftPending(9); // a server still in inbox delivery, mid rolling switch
        inbox.scheduler.tick();

        assertEquals(List.of(8L), inbox.observed.syncTasks());
        assertEquals(Outcome.PROCESSED, inbox.entry(left).outcome());
        assertEquals(Outcome.PENDING, inbox.entry(later).outcome());
        assertEquals(0, inbox.entry(later).attempts(), "never leased here");
        assertEquals(0, inbox.scheduler.periodic(), "what was left at start-up is settled: the sweep stopped");
    }

    @Test
    void aJournalThatNeverHeldAnInboxEntryIsCountedOnceAndGetsNoTableOfTheInbox() throws Exception {
        InboxDrain drain = drain(inbox.parts(inbox.memoryDedupe(), false));
        drain.start();
        inbox.scheduler.tick();

        assertEquals(0, inbox.scheduler.periodic(), "one count at start-up, and nothing more");
        assertEquals(List.of(), inbox.logged(Level.WARNING));
        assertEquals(List.of(), said(Level.INFO), "nothing was drained: nothing to say above FINE");
        assertFalse(inbox.database.hasTable("gme_callback_inbox_control"), "a sync deployment's database gets no inbox table");
        assertFalse(drain.pausable());
        assertFalse(drain.dispatchState().paused());
    }
}
