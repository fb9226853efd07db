package io.github.gmecallback.journal;

/** The journal's database cannot be reached: the callback is answered 503, and GME retries. */
public final class JournalUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
