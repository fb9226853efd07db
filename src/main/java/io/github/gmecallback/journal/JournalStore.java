package io.github.gmecallback.journal;

import java.util.Optional;

/** Where journal entries are kept. */
interface JournalStore {

    /**
     * Keeps a new entry.
     *
     * @param entry the entry; its id is ignored
     * @return the entry as kept, with its id
     */
    JournalEntry append(JournalEntry entry);

    /**
     * Replaces a kept entry by a newer state of it (same id); nothing if it is gone.
     *
     * @param entry the entry's new state
     */
    void update(JournalEntry entry);

    JournalPage find(JournalQuery query);

    Optional<JournalEntry> get(long id);

    /**
     * Whether the store answers, for a readiness check.
     *
     * @throws JournalUnavailableException when it does not
     */
    default void ping() {
    }
}
