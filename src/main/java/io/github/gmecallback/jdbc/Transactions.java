package io.github.gmecallback.jdbc;

import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JTA transaction a {@code jdbc} store runs a callback's observers in, through the module's
 * {@link UserTransaction}: begun by the dedupe store's claim, committed or rolled back with it.
 * And, for what must commit whatever the host application does ({@link #onItsOwn}), the way out
 * of a transaction the host has open around the request.
 */
public final class Transactions {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final UserTransaction transaction;
    private final OutsideTransaction outside;
    /**
     * When the transactions this thread begins must end, where that is bounded: the thread's, not
     * this object's, since the store that begins the transaction (the dedupe store's claim) holds
     * a {@code Transactions} of its own, and the deadline is set by the dispatch around it.
     */
    private static final ThreadLocal<Deadline> DEADLINES = new ThreadLocal<>();

    private record Deadline(long atMillis, Clock clock) {
    }

    /** Work whose writes are to commit before it returns. */
    @FunctionalInterface
    public interface Work<T> {

        T run() throws StoreUnavailableException;
    }

    /**
     * Transactions of the calling module, which never leave a transaction the host has open
     * ({@link #onItsOwn} refuses to run in one).
     *
     * @param transaction the module's {@code java:comp/UserTransaction}
     */
    public Transactions(UserTransaction transaction) {
        this(transaction, null);
    }

    /**
     * Transactions of the calling module.
     *
     * @param transaction the module's {@code java:comp/UserTransaction}
     * @param outside     runs work with the thread's transaction suspended, for {@link #onItsOwn};
     *                    {@code null} where nothing needs it
     */
    public Transactions(UserTransaction transaction, OutsideTransaction outside) {
        this.transaction = transaction;
        this.outside = outside;
    }

    /**
     * Runs work so that what it writes commits on its own before this returns, whatever
     * transaction the calling thread is in: an {@code inbox} callback must stay journaled once it
     * is answered {@code 200}, even where the host application began a transaction around the
     * request (a filter with a {@code UserTransaction}, an interceptor) and rolls it back after.
     * On a thread in no transaction, the common case, the work runs right here: the cost is one
     * read of the transaction's status. In one, it runs with that transaction suspended
     * ({@link OutsideTransaction}), which is resumed after.
     *
     * @param work what to run; each of its statements commits at once, as outside a transaction
     * @param <T>  what it returns
     * @return what it returned
     * @throws StoreUnavailableException what the work threw, or when the thread's transaction
     *                                   could not be left: nothing ran then
     */
    public <T> T onItsOwn(Work<T> work) throws StoreUnavailableException {
        if (!active()) {
            return work.run();
        }
        if (outside == null) {
            throw new StoreUnavailableException("the thread is in a transaction, and nothing here can suspend it", null);
        }
        return outside.call(() -> {
            if (active()) {
                // The interceptor did not run: the work would join the host's transaction and roll back with it.
                throw new StoreUnavailableException("the transaction around the request could not be suspended: "
                        + "the Jakarta Transactions interceptor of @Transactional(NOT_SUPPORTED) did not run on "
                        + OutsideTransaction.class.getName() + " (is the receiver's jar a bean archive here?)", null);
            }
            return work.run();
        });
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
        DEADLINES.set(new Deadline(atMillis, clock));
    }

    /** Lets the transactions this thread begins from now on take the server's default timeout. */
    public void noDeadline() {
        DEADLINES.remove();
    }

    /**
     * Begins a transaction on this thread.
     *
     * @throws StoreUnavailableException when it cannot begin
     */
    public void begin() throws StoreUnavailableException {
        Deadline deadline = DEADLINES.get();
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
