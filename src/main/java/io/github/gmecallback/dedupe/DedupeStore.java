package io.github.gmecallback.dedupe;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import java.time.Duration;

/**
 * Remembers the callbacks processed successfully, so that a repeat reaches no observer.
 */
public interface DedupeStore {

    /**
     * How long a repeat waits for a copy still in flight: inside GME's 5 s, so that its answer
     * still arrives.
     */
    Duration IN_FLIGHT_WAIT = Duration.ofSeconds(4);

    /**
     * Claims a callback for processing. A copy in flight is waited for, at most
     * {@link #IN_FLIGHT_WAIT}: if it succeeds this is a duplicate, if it fails this request
     * processes the callback anew.
     *
     * @param identity the callback's identity
     * @return the claim
     * @throws StoreUnavailableException when the store cannot answer (a database down)
     */
    Claim claim(CallbackIdentity identity) throws StoreUnavailableException;

    /**
     * A claim past the store, for a callback replayed on purpose: nothing is recorded and nothing
     * waited for, but a transactional store still runs the observers in a transaction of their
     * own, committed by {@link Claim#succeeded()} and rolled back by {@link Claim#failed()}.
     *
     * @return a {@link Claim.Outcome#CLAIMED} claim
     * @throws StoreUnavailableException when the transaction cannot begin
     */
    default Claim unrecorded() throws StoreUnavailableException {
        return Claim.of(Claim.Outcome.CLAIMED);
    }

    /**
     * Whether the store answers, for a readiness check: a {@code jdbc} store reaches its table.
     *
     * @throws StoreUnavailableException when it does not
     */
    default void ping() throws StoreUnavailableException {
    }

    /** The {@code none} store: every callback is processed, repeats too. */
    DedupeStore NONE = identity -> Claim.of(Claim.Outcome.CLAIMED);
}
