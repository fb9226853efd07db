package io.github.gmecallback.dedupe;

/** The dedupe store cannot answer: the callback gets 503, and GME retries it. */
public final class StoreUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * A failure of the store.
     *
     * @param message what failed
     * @param cause   the store's own exception
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
