package io.github.gmecallback.journal;

import io.github.gmecallback.jdbc.StoreUnavailableException;

/**
 * How the delivery mode delivers a journaled entry's bytes again, for
 * {@link CallbackJournal#replay(long)}: the journal records what was received, the delivery mode
 * knows how to deliver it.
 */
@FunctionalInterface
public interface Replays {

    /**
     * Delivers an entry's bytes to the observers again, journaled as a replay of it, and marks it
     * replayed by that replay ({@link EntryHistory}).
     *
     * @param original       the journaled entry
     * @param unlessReplayed whether an entry replayed before is left alone (bulk replay): then, if
     *                       a replay marked it first (another request's, racing this one), this
     *                       replay is journaled {@link Outcome#DUPLICATE} and reaches no observer
     * @return the replay's own entry
     * @throws IllegalStateException     if the bytes no longer bind
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    JournalEntry replay(JournalEntry original, boolean unlessReplayed) throws StoreUnavailableException;
}
