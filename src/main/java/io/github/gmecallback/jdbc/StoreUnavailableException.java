package io.github.gmecallback.jdbc;

/**
 * A store's database cannot answer: it is down, unreachable, or refused the statement. The
 * receiver's one model of "the database is down", for the dedupe store, the journal and the
 * inbox alike: a callback then gets 503 (GME retries it), a readiness check is {@code DOWN}, and a
 * {@code CallbackJournal} call throws it to the caller. Checked, so that no caller forgets it.
 */
public final class StoreUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * A failure of a store's database.
     *
     * @param message what failed, in words safe to log (never a key or a body)
     * @param cause   the database's own exception, or {@code null}
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
