package io.github.gmecallback.journal;

import io.github.gmecallback.binding.CallbackReader;
import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.DeliverySettings;
import io.github.gmecallback.config.InvalidSettingException;
import io.github.gmecallback.config.JournalSettings;
import io.github.gmecallback.dedupe.DedupeStore;
import io.github.gmecallback.dedupe.Transactions;
import io.github.gmecallback.dispatch.CallbackDispatcher;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.transaction.UserTransaction;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The application's journal: what the receiver writes as it processes callbacks and refuses
 * requests. The public way to read it is {@link CallbackJournal}.
 *
 * <p>One per application: {@link #forApplication} keeps it in a static field of this class, and
 * this class is loaded once per application (by the WAR's class loader, or the EAR's for a
 * {@code lib/} jar), however many web modules instantiate the application's beans.
 */
public final class Journal {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    /** The scheduled executor Jakarta Concurrency gives every application. */
    private static final String SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";
    /** The executor Jakarta Concurrency gives every application. */
    private static final String EXECUTOR = "java:comp/DefaultManagedExecutorService";
    private static final String USER_TRANSACTION = "java:comp/UserTransaction";
    private static Journal application;

    private final JournalStore store;
    private final Tally tally = new Tally();
    private final Clock clock;
    private ScheduledFuture<?> purging;
    /** The newest inbox, which replays are handed to at once; {@code null} in sync mode. */
    private volatile Inbox inbox;
    /** The inbox's statements on the journal's table, made at first use. */
    private InboxTable inboxTable;

    Journal(JournalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The application's journal, created with these settings at first use.
     *
     * @param settings the journal's settings
     * @return the one journal of this application
     */
    public static synchronized Journal forApplication(JournalSettings settings) {
        if (application == null) {
            Clock clock = Clock.systemUTC();
            application = new Journal(switch (settings.store()) {
                case MEMORY -> new MemoryJournalStore(settings.size());
                case JDBC -> new JdbcJournalStore(dataSource(settings.datasource()), clock,
                        Duration.ofSeconds(settings.retention()));
                case NONE -> new NoJournalStore();
            }, clock);
        }
        return application;
    }

    private static DataSource dataSource(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new InvalidSettingException(CallbackSettings.JOURNAL_DATASOURCE, name + " is not bound here ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Journals a callback as it starts being processed.
     *
     * @param callback      the verified, bound callback
     * @param body          its bytes exactly as signed
     * @param remoteAddress who sent it
     * @param replay        whether it is replayed on purpose
     * @return the {@link Outcome#PENDING} entry
     * @throws JournalUnavailableException if the journal's database cannot be reached
     */
    public JournalEntry received(RecordingCallback callback, byte[] body, String remoteAddress, boolean replay) {
        return store.append(pending(callback, body, remoteAddress, replay));
    }

    /**
     * A callback's entry as it starts being processed, not journaled yet.
     *
     * @param callback      the verified, bound callback
     * @param body          its bytes exactly as signed
     * @param remoteAddress who sent it
     * @param replay        whether it is replayed on purpose
     * @return the {@link Outcome#PENDING} entry, without an id
     */
    public JournalEntry pending(RecordingCallback callback, byte[] body, String remoteAddress, boolean replay) {
        RecordingDetail detail = callback.detail();
        return new JournalEntry(0, clock.instant(), remoteAddress, callback.bizId(), callback.taskId(),
                callback.recordMode(), callback.userId(), callback.eventType(), detail == null ? -1 : detail.seqNo(),
                callback.roomId(), body, Outcome.PENDING, 0, null, replay);
    }

    /**
     * Sets up {@code inbox} delivery for the calling web module and starts its sweep. Call it
     * from the module's context (a servlet's {@code init}), where {@code java:comp} is bound.
     *
     * @param delivery   the delivery settings
     * @param dedupe     the {@code jdbc} dedupe store
     * @param dispatcher fires the module's events
     * @param reader     binds the journaled bodies
     * @return the module's inbox, dispatching
     * @throws NamingException when the server's executors or {@code UserTransaction} are not bound
     * @throws InvalidSettingException when the journal's database is in memory
     */
    public synchronized Inbox inbox(DeliverySettings delivery, DedupeStore dedupe, CallbackDispatcher dispatcher,
            CallbackReader reader) throws NamingException {
        InboxTable table = inboxTable();
        requireDurable(table.dataSource());
        Inbox created = new Inbox(table, tally, delivery, dedupe,
                new Transactions(InitialContext.<UserTransaction>doLookup(USER_TRANSACTION)), dispatcher, reader,
                InitialContext.<ManagedExecutorService>doLookup(EXECUTOR), clock);
        created.start(InitialContext.<ManagedScheduledExecutorService>doLookup(SCHEDULER));
        inbox = created;
        return created;
    }

    /**
     * Fails when {@code inbox} delivery would keep callbacks in an in-memory database (a JDBC URL
     * with {@code :mem:}, such as WildFly's default datasource): an accepted callback must
     * outlive a restart. A database that cannot be reached yet passes, with a WARNING: it is
     * checked again at first contact, and callbacks get 503 until then. Call it where
     * {@code java:comp} is the hosting module's.
     *
     * @param settings the journal's settings
     * @throws InvalidSettingException naming {@code gme.callback.delivery}, for an in-memory
     *                                 database, or one not bound
     */
    public static void requireDurable(JournalSettings settings) {
        requireDurable(dataSource(settings.datasource()));
    }

    private static void requireDurable(DataSource dataSource) {
        try {
            if (!InboxTable.durable(dataSource)) {
                throw new InvalidSettingException(CallbackSettings.DELIVERY, "inbox refuses an in-memory database "
                        + "(a JDBC URL with :mem:): an accepted callback must outlive a restart. Point "
                        + CallbackSettings.DEDUPE_DATASOURCE + " at a durable database, such as PostgreSQL");
            }
        } catch (SQLException e) {
            LOG.warning(() -> "inbox: the journal's database cannot be reached yet (" + e.getMessage()
                    + "); callbacks get 503 until it can, and an in-memory database is refused then");
        }
    }

    private synchronized InboxTable inboxTable() {
        if (inboxTable == null) {
            if (!(store instanceof JdbcJournalStore jdbc)) {
                throw new IllegalStateException("inbox delivery needs the jdbc journal");
            }
            inboxTable = new InboxTable(jdbc);
        }
        return inboxTable;
    }

    /**
     * Journals a replay for {@code inbox} delivery: committed {@link Outcome#PENDING}, due at once,
     * and dispatched like any inbox entry (retried, or dead), but past the dedupe store.
     *
     * @param callback the journaled callback
     * @param body     its bytes
     * @return the replay's entry
     * @throws JournalUnavailableException if the journal's database cannot be reached
     */
    JournalEntry queueReplay(RecordingCallback callback, byte[] body) {
        JournalEntry entry = inboxTable().enqueue(pending(callback, body, "replay", true), null, clock.millis(), null, null);
        Inbox current = inbox;
        if (current != null) {
            current.submit(entry.id());
        }
        return entry;
    }

    /**
     * Settles a journaled callback and counts its outcome.
     *
     * @param entry     the entry {@link #received} returned
     * @param outcome   what became of it
     * @param called    whether observers were called this time
     * @param lastError why it failed, or {@code null}
     * @return the settled entry
     */
    public JournalEntry settled(JournalEntry entry, Outcome outcome, boolean called, String lastError) {
        JournalEntry settled = entry.settled(outcome, entry.attempts() + (called ? 1 : 0), lastError);
        tally.settled(outcome);
        try {
            store.update(settled);
        } catch (JournalUnavailableException e) {
            // The answer stands: the callback was handled; only its record stays PENDING.
            LOG.warning(() -> "journal: entry " + entry.id() + " of TaskID " + entry.taskId() + " could not be "
                    + "settled as " + outcome + " (" + e.getMessage() + ")");
        }
        return settled;
    }

    /**
     * Whether the journal's store answers, for a readiness check.
     *
     * @throws JournalUnavailableException when it does not
     */
    public void ping() {
        store.ping();
    }

    /** Counts a verified callback answered 503 because the journal could not record it. */
    public void unavailable() {
        tally.storeUnavailable();
    }

    /**
     * Schedules the hourly purge of entries past retention on the server's managed scheduled
     * executor, where the store keeps entries for that long; once per application. Call it from
     * the application's context (a servlet's {@code init}), where {@code java:comp} is bound.
     */
    public synchronized void startPurging() {
        if (!(store instanceof JdbcJournalStore) || purging != null) {
            return;
        }
        try {
            ManagedScheduledExecutorService scheduler = InitialContext.doLookup(SCHEDULER);
            purging = scheduler.scheduleAtFixedRate(this::purge, 1, 60, TimeUnit.MINUTES);
        } catch (NamingException e) {
            LOG.warning(() -> SCHEDULER + " is not bound: the journal's entries past retention are not purged");
        }
    }

    /**
     * Deletes the entries past retention now, as the hourly purge does ({@code jdbc} only; the
     * other stores bound themselves).
     *
     * @return how many went
     */
    int purge() {
        return store instanceof JdbcJournalStore jdbc ? jdbc.purge() : 0;
    }

    /** Cancels the purge, as the application stops. */
    public synchronized void stopPurging() {
        if (purging != null) {
            purging.cancel(false);
            purging = null;
        }
    }

    /**
     * Counts a refused request and keeps it among the newest refusals.
     *
     * @param refusal the refusal, without a body
     */
    public void refused(RefusalRecord refusal) {
        tally.refused(refusal);
    }

    JournalPage find(JournalQuery query) {
        return store.find(query);
    }

    Optional<JournalEntry> get(long id) {
        return store.get(id);
    }

    JournalCounters counters() {
        return tally.counters();
    }
}
