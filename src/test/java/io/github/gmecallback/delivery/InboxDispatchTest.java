package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.TestClock;
import io.github.gmecallback.binding.CallbackBinding;
import io.github.gmecallback.binding.MalformedCallbackException;
import io.github.gmecallback.config.DeliverySettings;
import io.github.gmecallback.config.JournalSettings;
import io.github.gmecallback.journal.JdbcJournalStore;
import io.github.gmecallback.journal.Journal;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.ledger.LedgerStore;
import io.github.gmecallback.recording.CallbackDeadLettered;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.signature.CallbackSigner;
import io.github.gmecallback.signature.HmacKey;
import io.github.gmecallback.signature.KeyRing;
import io.github.gmecallback.signature.SignatureEncoding;
import io.github.gmecallback.telemetry.Telemetry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.github.gmecallback.jdbc.StoreDatabase;
import io.github.gmecallback.jdbc.StoreSuite;
import io.github.gmecallback.jdbc.FreshDatabase;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dispatch whose attempts never end: a callback that kills its server every time (an
 * out-of-memory error in its observer, a crash) is taken over after each lease, each takeover
 * counted, and ends {@link Outcome#DEAD} after {@code max-attempts} with one dead letter, instead of
 * looping for as long as the cluster runs. On each database of the run.
 */
@StoreSuite
class InboxDispatchTest {

    private static final String KEY = "inbox-dispatch-test-key";

    private final TestClock clock = new TestClock();
    private final CallbackBinding binding = new CallbackBinding(true);
    private final ObservedEvents observed = new ObservedEvents();
    private final FreshDatabase database;
    private final Journal journal;
    private final InboxTable table;
    private final InboxDispatch dispatch;

    InboxDispatchTest(StoreDatabase on) throws SQLException {
        database = on.fresh();
        DataSource dataSource = database.dataSource();
        journal = Journal.open(new JournalSettings(JournalSettings.Store.JDBC, 1000, 604_800, "test"), dataSource, clock);
        JdbcJournalStore store = journal.table().orElseThrow();
        table = new InboxTable(store);
        DeliverySettings settings = new DeliverySettings(DeliverySettings.Mode.INBOX, 2, 1, 60, 30);
        // No dedupe store, transactions or duplicate log: an attempt past the last reaches no claim.
        InboxDispatch.Parts parts = new InboxDispatch.Parts(journal, null, null, observed.events(),
                binding.reader(), settings, clock, new JournalSignatures(new KeyRing(List.of(HmacKey.of(KEY)), Map.of()),
                SignatureEncoding.AUTO, binding.claimedBizId()), LedgerStore.NONE, Telemetry.NONE, null, true);
        dispatch = new InboxDispatch(parts, table, new Leases(table, clock, 30), (id, delay) -> { });
    }

    @AfterEach
    void close() throws SQLException {
        binding.close();
        database.close();
    }

    @Test
    void aCallbackThatKillsItsServerEveryTimeEndsDeadAfterMaxAttemptsWithOneDeadLetter() throws Exception {
        byte[] body = Samples.utf8(Samples.callback(Samples.BIZ_ID, Samples.TASK_ID, 3, "kills-its-server"));
        JournalEntry pending = journal.pending(bound(body), body, CallbackSigner.base64(body, KEY), "10.0.0.1", null,
                false);
        // Accepted and leased to the server that took it, which dies in the observer: attempt 1.
        long id = table.enqueue(pending, "k".repeat(64), clock.millis(),
                InboxTable.unlessPaused(new LeaseHolder("first", "a"), clock.millis(), clock.millis() + 30_000)).entry().id();
        // Taken over once its lease ran out, by a server that dies the same way: attempt 2, the last.
        clock.advance(Duration.ofSeconds(31));
        table.lease(id, new LeaseHolder("second", "b"), clock.millis(), clock.millis() + 30_000).orElseThrow();

        clock.advance(Duration.ofSeconds(31));
        dispatch.dispatch(id);

        JournalEntry dead = journal.table().orElseThrow().get(id).orElseThrow();
        assertEquals(Outcome.DEAD, dead.outcome(), "no third attempt: the second was the last");
        assertEquals(2, dead.attempts());
        assertEquals(InboxTable.ABANDONED, dead.lastError());
        assertEquals(List.of(), observed.sync, "no observer called");
        assertEquals(1, observed.async.size(), "one dead letter: " + observed.async);
        CallbackDeadLettered letter = (CallbackDeadLettered) observed.async.get(0);
        assertEquals(id, letter.entryId());
        assertEquals(2, letter.attempts());
        assertEquals(Samples.TASK_ID, letter.callback().taskId());

        clock.advance(Duration.ofSeconds(31));
        dispatch.dispatch(id);
        assertEquals(1, observed.async.size(), "dead: never dispatched again");
        assertTrue(table.due(clock.millis(), 10).isEmpty());
    }

    private RecordingCallback bound(byte[] body) throws MalformedCallbackException {
        return binding.reader().read(body);
    }
}
