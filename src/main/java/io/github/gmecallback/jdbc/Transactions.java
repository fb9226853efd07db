package io.github.gmecallback.jdbc;

import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JTA transaction a {@code jdbc} store runs a callback's observers in, through the module's
 * {@link UserTransaction}: begun by the dedupe store's claim, committed or rolled back with it.
 */
public final class Transactions {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final UserTransaction transaction;

    /**
     * Transactions of the calling module.
     *
     * @param transaction the module's {@code java:comp/UserTransaction}
     */
    public Transactions(UserTransaction transaction) {
        this.transaction = transaction;
    }

    /**
     * Sets the timeout of the transactions this thread begins from now on.
     *
     * @param seconds the timeout; 0 for the server's default
     */
    public void timeout(int seconds) {
        try {
            transaction.setTransactionTimeout(seconds);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "setting a transaction timeout failed", e);
        }
    }

    /**
     * Begins a transaction on this thread.
     *
     * @throws StoreUnavailableException when it cannot begin
     */
    public void begin() throws StoreUnavailableException {
        try {
            transaction.begin();
        } catch (Exception e) {
            throw new StoreUnavailableException("the transaction could not begin: " + e, e);
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
