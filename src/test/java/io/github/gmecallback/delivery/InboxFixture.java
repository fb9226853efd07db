package io.github.gmecallback.delivery;

import io.github.gmecallback.CapturedLog;
import io.github.gmecallback.Samples;
import io.github.gmecallback.TestClock;
import io.github.gmecallback.binding.CallbackBinding;
import io.github.gmecallback.binding.MalformedCallbackException;
import io.github.gmecallback.config.DeliverySettings;
import io.github.gmecallback.config.JournalSettings;
import io.github.gmecallback.dedupe.CallbackIdentity;
import io.github.gmecallback.dedupe.DedupeStore;
import io.github.gmecallback.dedupe.JdbcDedupeStore;
import io.github.gmecallback.dedupe.MemoryDedupeStore;
import io.github.gmecallback.jdbc.OutsideTransaction;
import io.github.gmecallback.jdbc.StoreDatabase;
import io.github.gmecallback.jdbc.FreshDatabase;
import io.github.gmecallback.jdbc.ThreadTransactions;
import io.github.gmecallback.jdbc.Transactions;
import io.github.gmecallback.journal.JdbcJournalStore;
import io.github.gmecallback.journal.Journal;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.ledger.LedgerStore;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.signature.CallbackSigner;
import io.github.gmecallback.signature.HmacKey;
import io.github.gmecallback.signature.KeyRing;
import io.github.gmecallback.signature.SignatureEncoding;
import io.github.gmecallback.telemetry.Telemetry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What an application's inbox is made of, without a server: its journal on a fresh database of
 * the run's ({@link StoreDatabase}), dropped as the fixture closes, JTA as {@link ThreadTransactions} plays it, the observers as
 * {@link ObservedEvents} notes them, a {@link StepScheduler}, and the receiver's log captured.
 */
final class InboxFixture implements AutoCloseable {

    static final String KEY = "inbox-fixture-key";

    final TestClock clock = new TestClock();
    final ObservedEvents observed = new ObservedEvents();
    final StepScheduler scheduler = new StepScheduler();
    final FreshDatabase database;
    final ThreadTransactions transactions;
    final Journal journal;
    final JdbcJournalStore store;
    final InboxTable table;
    private final CallbackBinding binding = new CallbackBinding(true);
    private final CapturedLog log = new CapturedLog();
    private final Logger receiverLog = Logger.getLogger("io.github.gmecallback");

    InboxFixture(StoreDatabase on) throws SQLException {
        database = on.fresh();
        transactions = new ThreadTransactions(database.dataSource());
        journal = Journal.open(new JournalSettings(JournalSettings.Store.JDBC, 1000, 604_800, "test"),
                transactions.dataSource(), clock);
        store = journal.table().orElseThrow();
        table = new InboxTable(store);
        receiverLog.addHandler(log);
    }

    /**
     * What a dispatch needs, with 2 attempts 1 s apart.
     *
     * @param dedupe           the dedupe store
     * @param outcomeWithClaim whether the store is {@code jdbc} on the journal's database
     */
    InboxDispatch.Parts parts(DedupeStore dedupe, boolean outcomeWithClaim) {
        return parts(dedupe, outcomeWithClaim, null);
    }

    /**
     * What a dispatch needs, with 2 attempts 1 s apart, and a way out of a host's transaction.
     *
     * @param dedupe           the dedupe store
     * @param outcomeWithClaim whether the store is {@code jdbc} on the journal's database
     * @param outside          suspends a host's transaction
     */
    InboxDispatch.Parts parts(DedupeStore dedupe, boolean outcomeWithClaim, OutsideTransaction outside) {
        return new InboxDispatch.Parts(journal, dedupe, new Transactions(transactions, outside), observed.events(),
                binding.reader(), new DeliverySettings(DeliverySettings.Mode.INBOX, 2, 1, 60, 30), clock,
                new JournalSignatures(new KeyRing(List.of(HmacKey.of(KEY)), Map.of()), SignatureEncoding.AUTO,
                        binding.claimedBizId()), LedgerStore.NONE, Telemetry.NONE, new DuplicateLog(), outcomeWithClaim);
    }

    /** The {@code jdbc} dedupe store on the journal's database, as {@code inbox} delivery has it. */
    JdbcDedupeStore jdbcDedupe() {
        return new JdbcDedupeStore(transactions.dataSource(), new Transactions(transactions), clock, Duration.ofDays(1));
    }

    /** A {@code memory} dedupe store, as a {@code sync} deployment may have. */
    MemoryDedupeStore memoryDedupe() {
        return new MemoryDedupeStore(clock, Duration.ofDays(1), 1000, Duration.ofSeconds(1));
    }

    static byte[] body(long taskId) {
        return Samples.utf8(Samples.callback(Samples.BIZ_ID, taskId, 3, "u" + taskId));
    }

    static String signature(byte[] body) {
        return CallbackSigner.base64(body, KEY);
    }

    RecordingCallback bound(byte[] body) throws MalformedCallbackException {
        return binding.reader().read(body);
    }

    /**
     * Journals a callback as an {@code inbox} deployment with dispatch paused leaves it: accepted,
     * {@code PENDING}, due, and leased to no one.
     *
     * @return the entry's id
     */
    long leftPending(long taskId) throws Exception {
        byte[] body = body(taskId);
        RecordingCallback callback = bound(body);
        return table.enqueue(journal.pending(callback, body, signature(body), "10.0.0.1", null, false),
                CallbackIdentity.of(callback).digest(), clock.millis()).id();
    }

    JournalEntry entry(long id) throws Exception {
        return store.get(id).orElseThrow();
    }

    /** One number a query counts, read outside any transaction. */
    long count(String sql) throws SQLException {
        try (Connection connection = transactions.plain(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The messages the receiver logged at a level. */
    List<String> logged(Level level) {
        return log.records().stream().filter(record -> record.getLevel() == level).map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() throws SQLException {
        receiverLog.removeHandler(log);
        binding.close();
        database.close();
    }
}
