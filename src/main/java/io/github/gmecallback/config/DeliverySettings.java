package io.github.gmecallback.config;

/**
 * When the observers run: on GME's request ({@code sync}), or from the journal after the answer
 * ({@code inbox}), and how often an {@code inbox} entry is tried.
 *
 * @param mode            {@code sync} or {@code inbox}
 * @param maxAttempts     dispatch attempts of an {@code inbox} entry before it is dead
 * @param firstRetryDelay seconds before an {@code inbox} entry's second attempt; the delay doubles
 *                        per attempt, up to an hour
 * @param dispatchTimeout seconds one dispatch attempt may run (its transaction's timeout); past it
 *                        the attempt fails once its observers return
 * @param lease           seconds after which another server may take over an entry whose
 *                        dispatching server stopped renewing its lease; renewed every third of it
 */
public record DeliverySettings(Mode mode, int maxAttempts, int firstRetryDelay, int dispatchTimeout, int lease) {

    /** The default of {@code gme.callback.inbox.dispatch-timeout}: a minute, a common JTA default. */
    public static final int DEFAULT_DISPATCH_TIMEOUT = 60;
    /** The default of {@code gme.callback.inbox.lease}. */
    public static final int DEFAULT_LEASE = 30;
    /** The shortest lease: renewed every third of it, so at least every second. */
    public static final int MIN_LEASE = 3;

    /** The longest delay between two attempts, in seconds. */
    public static final int MAX_RETRY_DELAY = 3600;

    /** When the observers run. */
    public enum Mode {
        /**
         * On GME's request: the answer says whether every synchronous observer returned, and GME's
         * own retries are the only ones.
         */
        SYNC,
        /**
         * From the journal, after the callback was committed to it and answered {@code 200}:
         * retried by the receiver until it succeeds or its attempts run out.
         */
        INBOX
    }

    /**
     * Whether callbacks are dispatched from the journal.
     *
     * @return {@code true} for {@code inbox}
     */
    public boolean inbox() {
        return mode == Mode.INBOX;
    }
}
