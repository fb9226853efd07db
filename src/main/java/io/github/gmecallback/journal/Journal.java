package io.github.gmecallback.journal;

import io.github.gmecallback.config.JournalSettings;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import java.time.Clock;
import java.util.Optional;

/**
 * The application's journal: what the receiver writes as it processes callbacks and refuses
 * requests. The public way to read it is {@link CallbackJournal}.
 *
 * <p>One per application: {@link #forApplication} keeps it in a static field of this class, and
 * this class is loaded once per application (by the WAR's class loader, or the EAR's for a
 * {@code lib/} jar), however many web modules instantiate the application's beans.
 */
public final class Journal {

    private static Journal application;

    private final JournalStore store;
    private final Tally tally = new Tally();
    private final Clock clock;

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
            application = new Journal(switch (settings.store()) {
                case MEMORY -> new MemoryJournalStore(settings.size());
                case NONE, JDBC -> new NoJournalStore();
            }, Clock.systemUTC());
        }
        return application;
    }

    /**
     * Journals a callback as it starts being processed.
     *
     * @param callback      the verified, bound callback
     * @param body          its bytes exactly as signed
     * @param remoteAddress who sent it
     * @param replay        whether it is replayed on purpose
     * @return the {@link Outcome#PENDING} entry
     */
    public JournalEntry received(RecordingCallback callback, byte[] body, String remoteAddress, boolean replay) {
        RecordingDetail detail = callback.detail();
        return store.append(new JournalEntry(0, clock.instant(), remoteAddress, callback.bizId(), callback.taskId(),
                callback.recordMode(), callback.userId(), callback.eventType(), detail == null ? -1 : detail.seqNo(),
                callback.roomId(), body, Outcome.PENDING, 0, null, replay));
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
        store.update(settled);
        tally.settled(outcome);
        return settled;
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
