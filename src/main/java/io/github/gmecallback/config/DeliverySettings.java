package io.github.gmecallback.config;

/**
 * When the observers run: on GME's request ({@code sync}), or from the journal after the answer
 * ({@code inbox}), and how often an {@code inbox} entry is tried.
 *
 * @param mode            {@code sync} or {@code inbox}
 * @param maxAttempts     dispatch attempts of an {@code inbox} entry before it is dead
 * @param firstRetryDelay seconds before an {@code inbox} entry's second attempt; the delay doubles
 *                        per attempt, up to an hour
 */
public record DeliverySettings(Mode mode, int maxAttempts, int firstRetryDelay) {

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
