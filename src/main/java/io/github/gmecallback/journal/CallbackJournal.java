package io.github.gmecallback.journal;

import io.github.gmecallback.binding.CallbackBinding;
import io.github.gmecallback.binding.MalformedCallbackException;
import io.github.gmecallback.config.CallbackConfiguration;
import io.github.gmecallback.dedupe.Claim;
import io.github.gmecallback.dedupe.DedupeStores;
import io.github.gmecallback.dedupe.StoreUnavailableException;
import io.github.gmecallback.dispatch.CallbackDispatcher;
import io.github.gmecallback.recording.RecordingCallback;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.naming.NamingException;

/**
 * What the receiver has received, and what became of it: the journal, for an application's own
 * pages, health checks and support tools. Inject it anywhere in the application:
 * <pre>{@code
 * @Inject CallbackJournal journal;
 *
 * // "did we ever receive the upload-completed of task 446946705284000000?"
 * JournalPage page = journal.find(JournalQuery.all()
 *         .taskId(446946705284000000L)
 *         .eventType(RecordingEventType.UPLOAD_COMPLETED.code()));
 * for (JournalEntry entry : page.entries()) {
 *     System.out.println(entry.receivedAt() + " " + entry.outcome() + " " + entry.lastError());
 * }
 * JournalCounters counters = journal.counters();   // processed, duplicates, failed, refused per reason
 * journal.replay(page.entries().get(0).id());      // the observers once more, on purpose
 * }</pre>
 *
 * <p>Every verified, bound callback inside the replay window is journaled with its bytes exactly
 * as signed, first {@link Outcome#PENDING}, then {@link Outcome#PROCESSED},
 * {@link Outcome#DUPLICATE} or {@link Outcome#FAILED} (with the observer's exception, or the
 * reason for a 503). In {@code inbox} delivery an entry stays {@link Outcome#PENDING} while it
 * waits for its next attempt, and ends {@link Outcome#PROCESSED}, {@link Outcome#DUPLICATE} or
 * {@link Outcome#DEAD}. Refused requests are only counted, and the newest 100 kept without their
 * bodies (with the TaskID, UserID and EventType where the signature held and they could be read). With {@code gme.callback.journal.store=memory} (the default) the journal holds the
 * newest {@code gme.callback.journal.size} entries of this server; with {@code jdbc}, every
 * server's entries of the last {@code gme.callback.journal.retention} seconds in one table; with
 * {@code none}, only the counters. Counters and refusals are this server's, since it started.
 */
@ApplicationScoped
public class CallbackJournal {

    @Inject
    CallbackConfiguration configuration;

    @Inject
    CallbackBinding binding;

    @Inject
    DedupeStores dedupe;

    private Journal journal;
    private CallbackDispatcher dispatcher;

    @PostConstruct
    void open() {
        journal = Journal.forApplication(configuration.settings().journal());
        dispatcher = CallbackDispatcher.forCallingModule();
    }

    /**
     * Finds entries, newest first.
     *
     * @param query the filters and the page
     * @return one page of matching entries
     */
    public JournalPage find(JournalQuery query) {
        return journal.find(query);
    }

    /**
     * One entry.
     *
     * @param id the entry's id
     * @return the entry, or empty when the journal does not hold it (any more)
     */
    public Optional<JournalEntry> entry(long id) {
        return journal.get(id);
    }

    /**
     * This server's counters since it started, and its newest refusals.
     *
     * @return the counters
     */
    public JournalCounters counters() {
        return journal.counters();
    }

    /**
     * Delivers a journaled callback's bytes to the observers again, on purpose: past the dedupe
     * store and the replay window. The replay is journaled as an entry of its own, marked
     * {@link JournalEntry#replay()}.
     *
     * <p>In {@code sync} delivery the synchronous observers run on this thread (with the
     * {@code jdbc} dedupe store, in a JTA transaction of their own: call it outside one), then the
     * asynchronous ones. In {@code inbox} delivery the replay is committed as a
     * {@link Outcome#PENDING} entry and dispatched from the inbox at once, retried and dead-lettered
     * like any other entry; this also brings a {@link Outcome#DEAD} entry back.
     *
     * @param id the entry to replay
     * @return the replay's entry: {@link Outcome#PROCESSED}, or {@link Outcome#FAILED} with the
     *         exception a synchronous observer threw; {@link Outcome#PENDING} in {@code inbox}
     *         delivery
     * @throws NoSuchElementException if the journal does not hold the entry
     * @throws IllegalStateException if the entry's bytes no longer bind (settings changed since)
     * @throws JournalUnavailableException if the journal's database cannot be reached
     */
    public JournalEntry replay(long id) {
        JournalEntry original = journal.get(id)
                .orElseThrow(() -> new NoSuchElementException("the journal holds no entry " + id));
        RecordingCallback callback = bind(original);
        if (configuration.settings().delivery().inbox()) {
            return journal.queueReplay(callback, original.body());
        }
        JournalEntry replay = journal.received(callback, original.body(), "replay", true);
        Claim claim;
        try {
            claim = dedupe.store().unrecorded();
        } catch (StoreUnavailableException | NamingException e) {
            return journal.settled(replay, Outcome.FAILED, false, JournalEntry.error(e));
        }
        try {
            dispatcher.fireSync(callback);
            claim.succeeded();
        } catch (RuntimeException | Error | StoreUnavailableException e) {
            // Errors too: the transaction of unrecorded() must not stay open on the caller's thread.
            claim.failed();
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return journal.settled(replay, Outcome.FAILED, true, JournalEntry.error(e));
        }
        JournalEntry settled = journal.settled(replay, Outcome.PROCESSED, true, null);
        dispatcher.fireAsync(callback);
        return settled;
    }

    private RecordingCallback bind(JournalEntry original) {
        try {
            return binding.reader().read(original.body());
        } catch (MalformedCallbackException e) {
            // Journaled bytes were bound once; with settings changed since (the window's Timestamp
            // rule), they may not be again.
            throw new IllegalStateException("entry " + original.id() + " no longer binds: " + e.getMessage(), e);
        }
    }
}
