package io.github.gmecallback.dedupe;

import io.github.gmecallback.jdbc.StoreUnavailableException;

/**
 * What a {@link DedupeStore} says of a callback about to be processed.
 */
public interface Claim {

    /** The store's answer. */
    enum Outcome {
        /** This request processes the callback; report how it went. */
        CLAIMED,
        /** The callback was processed successfully before: answer 200, reach no observer. */
        DUPLICATE,
        /** Another copy is still being processed and did not finish within the wait: 503. */
        BUSY
    }

    /**
     * The store's answer.
     *
     * @return the outcome
     */
    Outcome outcome();

    /**
     * Every synchronous observer returned: the callback is remembered as processed (a
     * transactional store commits the observers' transaction here).
     *
     * @throws StoreUnavailableException when the store could not record it (the commit failed,
     *                                   and with it the observers' transactional writes)
     */
    void succeeded() throws StoreUnavailableException;

    /** Processing failed: the callback is forgotten (a transactional store rolls back), so that a retry processes it anew. */
    void failed();

    /**
     * A claim that needs no reporting back.
     *
     * @param outcome the outcome
     * @return the claim
     */
    static Claim of(Outcome outcome) {
        return new Claim() {
            @Override
            public Outcome outcome() {
                return outcome;
            }

            @Override
            public void succeeded() {
            }

            @Override
            public void failed() {
            }
        };
    }
}
