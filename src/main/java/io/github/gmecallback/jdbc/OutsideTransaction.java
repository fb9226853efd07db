package io.github.gmecallback.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Runs work with the calling thread's JTA transaction suspended, and resumes it after: what the
 * work writes commits on its own, whatever becomes of the suspended transaction. Jakarta
 * Transactions' own interceptor does it ({@code @Transactional(NOT_SUPPORTED)}), the one portable
 * way an application suspends a transaction; so this is a CDI bean, and only its proxy suspends.
 * {@link Transactions#onItsOwn} calls it only where the thread is in a transaction, and checks
 * that none is left inside.
 */
@ApplicationScoped
public class OutsideTransaction {

    /**
     * Runs work outside the thread's transaction.
     *
     * @param work what to run
     * @param <T>  what it returns
     * @return what it returned
     * @throws StoreUnavailableException what the work threw
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public <T> T call(Transactions.Work<T> work) throws StoreUnavailableException {
        return work.run();
    }
}
