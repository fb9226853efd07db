package io.github.gmecallback.journal;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

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
 * <p>The receiver makes it an application-scoped bean. Its methods throw
 * {@link StoreUnavailableException} where the {@code jdbc} journal's database cannot be reached.
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
public class CallbackJournal {

    private Journal journal;
    private Replays replays;
    private DispatchControl dispatch;

    /**
     * The journal's API over a journal and the delivery mode that replays and pauses.
     *
     * @param journal  the application's journal
     * @param replays  how the delivery mode delivers an entry again
     * @param dispatch how it pauses and resumes ({@code inbox} only)
     */
    public CallbackJournal(Journal journal, Replays replays, DispatchControl dispatch) {
        this.journal = journal;
        this.replays = replays;
        this.dispatch = dispatch;
    }

    /** The most entries one {@link #replayAll} replays. */
    public static final int MAX_BULK_REPLAY = 1000;

    /** For CDI's proxy of the application-scoped bean. */
    protected CallbackJournal() {
    }

    /**
     * Finds entries, newest first.
     *
     * @param query the filters and the page
     * @return one page of matching entries
     * @throws StoreUnavailableException if the {@code jdbc} journal's database cannot be reached
     */
    public JournalPage find(JournalQuery query) throws StoreUnavailableException {
        return journal.find(query);
    }

    /**
     * One entry.
     *
     * @param id the entry's id
     * @return the entry, or empty when the journal does not hold it (any more)
     * @throws StoreUnavailableException if the {@code jdbc} journal's database cannot be reached
     */
    public Optional<JournalEntry> entry(long id) throws StoreUnavailableException {
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
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    public JournalEntry replay(long id) throws StoreUnavailableException {
        JournalEntry original = journal.get(id)
                .orElseThrow(() -> new NoSuchElementException("the journal holds no entry " + id));
        return replays.replay(original, false);
    }

    /**
     * Replays the dead letters a query finds: the newest {@code max} {@link Outcome#DEAD} entries
     * not replayed yet (the query's own outcome and page are ignored), oldest first, each as
     * {@link #replay(long)} does. Each original is marked replayed, and leaves the dead-letter list;
     * so the same bulk replay sent twice (a double click, a retried request, two operators) replays
     * nothing the second time, and says how many it found replayed already. Two racing for one
     * entry replay it once: the loser's replay is journaled {@link Outcome#DUPLICATE} and reaches
     * no observer. The entries are selected by id (a keyset), so a table that changes meanwhile
     * cannot make one be taken twice. An entry whose replay is refused (its signature no longer
     * verifies, its bytes no longer bind) is skipped and named, and the others are replayed.
     *
     * @param query the filters, such as {@code JournalQuery.all().taskId(...)}
     * @param max   how many at most, 1 to {@value #MAX_BULK_REPLAY}
     * @return the replays, the refusals, how many were replayed already, and whether more match
     * @throws StoreUnavailableException if the journal's database cannot be reached (the replays
     *                                   made until then stay)
     */
    public BulkReplay replayAll(JournalQuery query, int max) throws StoreUnavailableException {
        if (max < 1 || max > MAX_BULK_REPLAY) {
            throw new IllegalArgumentException("max must be from 1 to " + MAX_BULK_REPLAY + ", not " + max);
        }
        JournalQuery dead = query.outcome(Outcome.DEAD);
        List<JournalEntry> found = matching(dead.replayed(false), max + 1);
        boolean more = found.size() > max;
        List<JournalEntry> replays = new ArrayList<>(found.size());
        Map<Long, String> refused = new LinkedHashMap<>();
        int already = 0;
        for (int i = Math.min(found.size(), max) - 1; i >= 0; i--) {
            JournalEntry original = found.get(i);
            try {
                JournalEntry replay = this.replays.replay(original, true);
                if (replay.outcome() == Outcome.DUPLICATE) {
                    already++;
                } else {
                    replays.add(replay);
                }
            } catch (IllegalStateException e) {
                refused.put(original.id(), e.getMessage());
            }
        }
        if (replays.isEmpty() && refused.isEmpty()) {
            already += count(dead.replayed(true), MAX_BULK_REPLAY - already);
        }
        return new BulkReplay(replays, refused, Math.min(already, MAX_BULK_REPLAY), more);
    }

    /**
     * How many entries a query finds, counting at most {@code max + 1} (so a caller learns whether
     * more than {@code max} match).
     *
     * @param query the filters (its page is ignored)
     * @param max   the most worth counting
     * @return the count, at most {@code max + 1}
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    public int count(JournalQuery query, int max) throws StoreUnavailableException {
        return matching(query, max + 1).size();
    }

    /**
     * The newest {@code max} entries a query finds, newest first, read page after page by id.
     */
    private List<JournalEntry> matching(JournalQuery query, int max) throws StoreUnavailableException {
        List<JournalEntry> found = new ArrayList<>();
        JournalQuery next = query.page(0, JournalQuery.MAX_PAGE_SIZE);
        while (found.size() < max) {
            JournalPage one = journal.find(next);
            found.addAll(one.entries().subList(0, Math.min(one.entries().size(), max - found.size())));
            if (!one.hasMore() || one.entries().isEmpty()) {
                break;
            }
            // By id, not by page: entries added or settled meanwhile cannot shift what comes next.
            next = next.before(one.entries().get(one.entries().size() - 1).id());
        }
        return found;
    }

    /**
     * Whether the delivery mode can be paused: {@code inbox} can, {@code sync} cannot.
     *
     * @return {@code true} in {@code inbox} delivery
     */
    public boolean pausable() {
        return dispatch.pausable();
    }

    /**
     * The {@code inbox} dispatch of an entry under way now: which server holds its lease (renewed
     * while its observers run), and since when.
     *
     * @param id the entry
     * @return the dispatch; empty when none runs, and always in {@code sync} delivery
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    public Optional<InFlight> inFlight(long id) throws StoreUnavailableException {
        return dispatch.inFlight(id);
    }

    /**
     * Whether {@code inbox} dispatch is paused, since when and by whom.
     *
     * @return the state; {@link DispatchState#RUNNING} in {@code sync} delivery
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    public DispatchState dispatchState() throws StoreUnavailableException {
        return dispatch.dispatchState();
    }

    /**
     * Pauses {@code inbox} dispatch on every server: callbacks are still accepted and journaled,
     * and none is dispatched (nor retried, nor replayed) until {@link #resume}. A dispatch that had
     * started ends.
     *
     * @param by who pauses it, for the record
     * @return the new state
     * @throws IllegalStateException     in {@code sync} delivery
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    public DispatchState pause(String by) throws StoreUnavailableException {
        return dispatch.pause(by);
    }

    /**
     * Resumes {@code inbox} dispatch: everything that waited is dispatched.
     *
     * @param by who resumes it, for the record
     * @return the new state
     * @throws IllegalStateException     in {@code sync} delivery
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    public DispatchState resume(String by) throws StoreUnavailableException {
        return dispatch.resume(by);
    }
}
