package io.github.gmecallback.jdbc;

import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JTA transaction a {@code jdbc} store runs a callback's observers in, through the module's
 * {@link UserTransaction}: begun by the dedupe store's claim, committed or rolled back with it.
 */
public final class Transactions {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final UserTransaction transaction;
    /** When the transactions this thread begins must end, where that is bounded. */
    private final ThreadLocal<Deadline> deadlines = new ThreadLocal<>();

    private record Deadline(long atMillis, Clock clock) {
    }

    /**
     * Transactions of the calling module.
     *
     * @param transaction the module's {@code java:comp/UserTransaction}
     */
    public Transactions(UserTransaction transaction) {
        this.transaction = transaction;
    }

    /**
     * Makes the transactions this thread begins from now on time out at a moment, judged when
     * each begins: an inbox dispatch's transaction must end when its attempt's timeout does,
     * however long the claim waited before it began.
     *
     * @param atMillis when they must end (epoch ms of {@code clock})
     * @param clock    the clock the moment is on
     */
    public void endBy(long atMillis, Clock clock) {
        deadlines.set(new Deadline(atMillis, clock));
    }

    /** Lets the transactions this thread begins from now on take the server's default timeout. */
    public void noDeadline() {
        deadlines.remove();
    }

    /**
     * Begins a transaction on this thread.
     *
     * @throws StoreUnavailableException when it cannot begin
     */
    public void begin() throws StoreUnavailableException {
        Deadline deadline = deadlines.get();
        try {
            if (deadline != null) {
                long leftMillis = deadline.atMillis() - deadline.clock().millis();
                if (leftMillis <= 0) {
                    throw new StoreUnavailableException("the time the transaction had ran out before it began", null);
                }
                // In whole seconds, rounded up: a 1 s dispatch timeout has a little less than 1 s left here.
                transaction.setTransactionTimeout((int) Math.min((leftMillis + 999) / 1000, Integer.MAX_VALUE));
            }
            transaction.begin();
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreUnavailableException("the transaction could not begin: " + e, e);
        } finally {
            if (deadline != null) {
                resetTimeout();
            }
        }
    }

    private void resetTimeout() {
        try {
            transaction.setTransactionTimeout(0);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "resetting a transaction timeout failed", e);
        }
    }

    /**
     * Commits this thread's transaction.
     *
     * @throws StoreUnavailableException when the commit failed (and everything rolled back)
     */
    public void commit() throws StoreUnavailableException {
        try {
            transaction.commit();
        } catch (Exception e) {
            throw new StoreUnavailableException("the transaction could not commit: " + e, e);
        }
    }

    /**
     * Whether this thread is in a transaction: then what a statement creates (a table, say)
     * commits or rolls back with it.
     *
     * @return {@code true} inside a transaction, or where its status cannot be read
     */
    public boolean active() {
        try {
            return transaction.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (Exception e) {
            return true;
        }
    }

    /** Rolls this thread's transaction back, if there is one. */
    public void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "rolling back a callback's transaction failed", e);
        }
    }
}
