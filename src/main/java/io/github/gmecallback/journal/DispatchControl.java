package io.github.gmecallback.journal;

import java.util.Optional;

import io.github.gmecallback.jdbc.StoreUnavailableException;

/**
 * Pausing and resuming the dispatch of {@code inbox} delivery, for {@link CallbackJournal}. The
 * delivery mode knows how; {@code sync} delivery has nothing to pause.
 */
public interface DispatchControl {

    /**
     * Whether this delivery mode pauses at all: {@code inbox} does, {@code sync} does not.
     *
     * @return {@code true} for {@code inbox}
     */
    boolean pausable();

    /**
     * Whether dispatch is paused now.
     *
     * @return the state
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    DispatchState dispatchState() throws StoreUnavailableException;

    /**
     * The dispatch of an entry under way now, if one is: which server holds its lease, and since
     * when.
     *
     * @param id the entry
     * @return the dispatch; empty when none runs (always, in {@code sync} delivery)
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    Optional<InFlight> inFlight(long id) throws StoreUnavailableException;

    /**
     * Pauses dispatch across the cluster: no dispatch starts anywhere once this returns (one
     * already under way ends).
     *
     * @param by who pauses it
     * @return the new state
     * @throws IllegalStateException     in {@code sync} delivery, where observers run on the request
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    DispatchState pause(String by) throws StoreUnavailableException;

    /**
     * Resumes dispatch: what waited is dispatched at once.
     *
     * @param by who resumes it
     * @return the new state
     * @throws IllegalStateException     in {@code sync} delivery
     * @throws StoreUnavailableException if the journal's database cannot be reached
     */
    DispatchState resume(String by) throws StoreUnavailableException;
}
