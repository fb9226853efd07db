package io.github.gmecallback.journal;

/** What became of a journaled callback. */
public enum Outcome {
    /** Received and not settled yet. */
    PENDING,
    /** Every synchronous observer returned. */
    PROCESSED,
    /** A repeat of a callback processed before: no observer was called. */
    DUPLICATE,
    /** Not processed: an observer threw, or the dedupe store could not be reached; GME retries. */
    FAILED,
    /** Given up on after the last attempt. */
    DEAD
}
