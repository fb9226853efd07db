package io.github.gmecallback.journal;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import java.util.Optional;

/** Where journal entries are kept. */
interface JournalStore {

    /**
     * Keeps a new entry.
     *
     * @param entry the entry; its id is ignored
     * @return the entry as kept, with its id
     */
    JournalEntry append(JournalEntry entry) throws StoreUnavailableException;

    /**
     * Replaces a kept entry by a newer state of it (same id); nothing if it is gone.
     *
     * @param entry the entry's new state
     */
    void update(JournalEntry entry) throws StoreUnavailableException;

    /**
     * Marks an entry replayed by another, in one statement: where {@code unlessReplayed}, only if
     * no replay marked it before, so that of two bulk replays racing for an entry one wins.
     *
     * @param original       the entry replayed
     * @param replay         its replay's entry
     * @param unlessReplayed whether to leave an entry replayed before as it is
     * @return whether it is marked now; {@code false} when it was replayed before (or is gone)
     */
    boolean markReplayed(long original, long replay, boolean unlessReplayed) throws StoreUnavailableException;

    /**
     * Counts a repeat on the entry of the same callback that was processed, newest first, and
     * forgets the repeat's own entry, journaled as it arrived: a storm of one captured callback
     * leaves one entry.
     *
     * @param repeat the repeat's entry, journaled as it arrived
     * @return whether it was counted; {@code false} when the store holds no processed entry of it
     *         any more (then the repeat's entry stays)
     */
    boolean repeated(JournalEntry repeat) throws StoreUnavailableException;

    JournalPage find(JournalQuery query) throws StoreUnavailableException;

    Optional<JournalEntry> get(long id) throws StoreUnavailableException;

    /**
     * Whether the store answers, for a readiness check.
     *
     * @throws StoreUnavailableException when it does not
     */
    default void ping() throws StoreUnavailableException {
    }
}
