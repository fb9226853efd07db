package io.github.gmecallback.jdbc;

/**
 * How long a statement of the {@code jdbc} stores may run, lock waits included: every statement
 * the receiver sends through a {@link BoundedDataSource} ends within one of two bounds, so that a
 * database that is slow or holds a lock costs a request an answer, never a thread held without end.
 *
 * <ul>
 * <li>{@value #WHILE_GME_WAITS} s while GME waits for its answer ({@link #whileGmeWaits()}): the
 *     journal's insert, the dedupe claim, the ledger's record, the inbox's enqueue. GME gives up
 *     after 5 s; a statement cut short answers it 503 (the store is unavailable) in time, and GME
 *     retries.</li>
 * <li>{@value #IN_BACKGROUND} s everywhere else: the sweeps, the hourly purges, the lease
 *     heartbeat, the readiness probe, the reading of the database's clock, inbox dispatches (whose
 *     transaction has a timeout of its own), the console. Enough for a purge of a large table,
 *     and still finite: what is cut short runs again at its next turn.</li>
 * </ul>
 *
 * <p>The bound is the calling thread's, taken as a connection opens: the callback endpoint marks
 * the delivery of a callback with {@link #whileGmeWaits()}, and no other code needs to know:
 * <pre>{@code
 * try (StatementTimeouts.Scope waiting = StatementTimeouts.whileGmeWaits()) {
 *     answer = delivery.deliver(callback, ...);   // its statements get 3 s each
 * }
 * }</pre>
 */
public final class StatementTimeouts {

    /** Seconds a statement may run while GME waits: well inside its 5 s. */
    public static final int WHILE_GME_WAITS = 3;
    /** Seconds a statement may run where no one waits for an answer. */
    public static final int IN_BACKGROUND = 30;

    private static final ThreadLocal<Integer> BOUND = new ThreadLocal<>();

    private StatementTimeouts() {
    }

    /**
     * Gives the connections this thread opens from now on the bound while GME waits, until the
     * scope closes (then the bound before it is back).
     *
     * @return the scope; close it on this thread
     */
    public static Scope whileGmeWaits() {
        Integer before = BOUND.get();
        BOUND.set(WHILE_GME_WAITS);
        return () -> {
            if (before == null) {
                BOUND.remove();
            } else {
                BOUND.set(before);
            }
        };
    }

    /** The bound of the calling thread, in seconds. */
    static int seconds() {
        Integer bound = BOUND.get();
        return bound == null ? IN_BACKGROUND : bound;
    }

    /**
     * The seconds a statement needs so that a lock wait of its own, bounded by the database,
     * ends it first: a second more than the wait, and never less than the calling thread's bound.
     *
     * @param lockWaitMillis how long the statement's lock wait may take
     * @return the statement's query timeout
     */
    public static int outlasting(long lockWaitMillis) {
        return Math.max(seconds(), (int) ((lockWaitMillis + 999) / 1000) + 1);
    }

    /** The span of a bound; closing it restores the one before. */
    public interface Scope extends AutoCloseable {

        @Override
        void close();
    }
}
