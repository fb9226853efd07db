package io.github.gmecallback.journal;

import io.github.gmecallback.config.JournalSettings;
import io.github.gmecallback.jdbc.HourlyPurge;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The application's journal: what the receiver writes as it processes callbacks and refuses
 * requests, in the store {@code gme.callback.journal.store} names, and this server's counters.
 * The public way to read it is {@link CallbackJournal}; the receiver makes one per application.
 */
public final class Journal {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final JournalStore store;
    private final Tally tally = new Tally();
    private final Clock clock;
    private final HourlyPurge purge;

    Journal(JournalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.purge = store instanceof JdbcJournalStore jdbc ? new HourlyPurge("journal entries", jdbc::purge) : null;
    }

    /**
     * A journal as configured.
     *
     * @param settings   the journal's settings
     * @param dataSource the {@code jdbc} store's database; {@code null} for the other stores
     * @param clock      the time entries are received at
     * @return the journal
     */
    public static Journal open(JournalSettings settings, DataSource dataSource, Clock clock) {
        return new Journal(switch (settings.store()) {
            case MEMORY -> new MemoryJournalStore(settings.size());
            case JDBC -> new JdbcJournalStore(dataSource, clock, Duration.ofSeconds(settings.retention()));
            case NONE -> new NoJournalStore();
        }, clock);
    }

    /**
     * The {@code jdbc} store's table, where {@code inbox} delivery queues its entries.
     *
     * @return the table; empty for the other stores
     */
    public Optional<JdbcJournalStore> table() {
        return store instanceof JdbcJournalStore jdbc ? Optional.of(jdbc) : Optional.empty();
    }

    /**
     * Journals a callback as it starts being processed.
     *
     * @param callback      the verified, bound callback
     * @param body          its bytes exactly as signed
     * @param signature     the {@code Signature} header that verified them
     * @param remoteAddress who sent it
     * @param traceparent   the W3C {@code traceparent} of the request's span, or {@code null}
     * @param replay        whether it is replayed on purpose
     * @return the {@link Outcome#PENDING} entry
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    public JournalEntry received(RecordingCallback callback, byte[] body, String signature, String remoteAddress,
            String traceparent, boolean replay) throws StoreUnavailableException {
        return store.append(pending(callback, body, signature, remoteAddress, traceparent, replay));
    }

    /**
     * A replay's entry as it starts being processed, not journaled yet: the original's bytes and
     * signature, marked as a replay of it.
     *
     * @param callback the original's bytes, bound again
     * @param original the entry replayed
     * @return the {@link Outcome#PENDING} entry, without an id
     */
    public JournalEntry pendingReplay(RecordingCallback callback, JournalEntry original) {
        return pending(callback, original.body(), original.signature(), "replay", null, true)
                .with(EntryHistory.replayOf(original.id()));
    }

    /**
     * Journals an entry as it starts being processed.
     *
     * @param pending the {@link Outcome#PENDING} entry; its id is ignored
     * @return the entry with its id
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    public JournalEntry append(JournalEntry pending) throws StoreUnavailableException {
        return store.append(pending);
    }

    /**
     * A callback's entry as it starts being processed, not journaled yet.
     *
     * @param callback      the verified, bound callback
     * @param body          its bytes exactly as signed
     * @param signature     the {@code Signature} header that verified them
     * @param remoteAddress who sent it
     * @param traceparent   the W3C {@code traceparent} of the request's span, or {@code null}
     * @param replay        whether it is replayed on purpose
     * @return the {@link Outcome#PENDING} entry, without an id
     */
    public JournalEntry pending(RecordingCallback callback, byte[] body, String signature, String remoteAddress,
            String traceparent, boolean replay) {
        RecordingDetail detail = callback.detail();
        return new JournalEntry(0, clock.instant(), remoteAddress, callback.bizId(), callback.taskId(),
                callback.recordMode(), callback.userId(), callback.eventType(), detail == null ? -1 : detail.seqNo(),
                callback.roomId(), body, Outcome.PENDING, 0, null, replay, signature, traceparent, EntryHistory.NONE);
    }

    /**
     * Settles a journaled callback and counts its outcome. A journal that cannot record it
     * leaves the entry {@link Outcome#PENDING} and says so at WARNING: the answer stands.
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
        } catch (StoreUnavailableException e) {
            LOG.warning(() -> "journal: entry " + entry.id() + " of TaskID " + entry.taskId() + " could not be "
                    + "settled as " + outcome + " (" + e.getMessage() + ")");
        }
        return settled;
    }

    /**
     * Settles a repeat of a callback processed before: counted on that callback's entry, the
     * repeat's own entry forgotten, so that a storm of one captured callback leaves one entry;
     * where the journal no longer holds the processed entry, the repeat's is settled
     * {@link Outcome#DUPLICATE}. Either way it counts as a duplicate.
     *
     * @param repeat the repeat's entry, as {@link #received} returned it
     */
    public void repeated(JournalEntry repeat) {
        try {
            if (store.repeated(repeat)) {
                tally.settled(Outcome.DUPLICATE);
                return;
            }
        } catch (StoreUnavailableException e) {
            LOG.warning(() -> "journal: the repeat of TaskID " + repeat.taskId() + " could not be counted on its "
                    + "entry (" + e.getMessage() + "); it stays an entry of its own");
        }
        settled(repeat, Outcome.DUPLICATE, false, null);
    }

    /**
     * Marks an entry replayed by another; see {@link EntryHistory}.
     *
     * @param original       the entry replayed
     * @param replay         its replay's entry
     * @param unlessReplayed whether to leave an entry replayed before as it is (bulk replay)
     * @return whether it is marked now; {@code false} when it was replayed before (or is gone)
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    public boolean markReplayed(long original, long replay, boolean unlessReplayed) throws StoreUnavailableException {
        return store.markReplayed(original, replay, unlessReplayed);
    }

    /**
     * Counts an outcome recorded in the store by its delivery mode ({@code inbox} settles its
     * entries in the dispatch's own transaction).
     *
     * @param outcome what became of a callback
     */
    public void counted(Outcome outcome) {
        tally.settled(outcome);
    }

    /** Counts a verified callback answered 503 because the journal could not record it. */
    public void unavailable() {
        tally.storeUnavailable();
    }

    /**
     * Counts a refused request and keeps it among the newest refusals.
     *
     * @param refusal the refusal, without a body
     */
    public void refused(RefusalRecord refusal) {
        tally.refused(refusal);
    }

    /**
     * Whether the journal's store answers, for a readiness check.
     *
     * @throws StoreUnavailableException when it does not
     */
    public void ping() throws StoreUnavailableException {
        store.ping();
    }

    /**
     * Schedules the hourly purge of entries past retention, where the store keeps entries for
     * that long ({@code jdbc}); at most once.
     *
     * @param scheduler the application's managed scheduled executor
     */
    public void startPurging(ScheduledExecutorService scheduler) {
        if (purge != null) {
            purge.start(scheduler, 1);
        }
    }

    /** Cancels the purge, as the application stops. */
    public void stopPurging() {
        if (purge != null) {
            purge.stop();
        }
    }

    /**
     * Deletes the entries past retention now, as the hourly purge does ({@code jdbc} only; the
     * other stores bound themselves).
     *
     * @return how many went
     */
    int purge() {
        return purge == null ? 0 : purge.run();
    }

    JournalPage find(JournalQuery query) throws StoreUnavailableException {
        return store.find(query);
    }

    Optional<JournalEntry> get(long id) throws StoreUnavailableException {
        return store.get(id);
    }

    JournalCounters counters() {
        return tally.counters();
    }
}
