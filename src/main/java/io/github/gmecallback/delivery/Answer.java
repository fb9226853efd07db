package io.github.gmecallback.delivery;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.Journal;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.telemetry.RequestOutcome;
import java.util.logging.Logger;

/**
 * What GME is answered for a callback a delivery took: {@code 200 {"code":0}}, or an error
 * status with a short message that never holds a key or the body.
 *
 * @param status    the HTTP status
 * @param message   what went wrong; {@code null} for 200
 * @param duplicate whether it is the 200 of a callback processed (or journaled) before
 */
public record Answer(int status, String message, boolean duplicate) {

    /** Processed, or committed to the inbox. */
    public static final Answer OK = new Answer(200, null, false);

    /** Processed before (or in the inbox already): no observer was called. */
    public static final Answer DUPLICATE = new Answer(200, null, true);

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    static Answer error(int status, String message) {
        return new Answer(status, message, false);
    }

    /** The 503 of a callback the journal could not record, which is logged and counted. */
    static Answer journalUnavailable(Journal journal, RecordingCallback callback, StoreUnavailableException e) {
        LOG.warning(() -> "answering 503: the journal store is unavailable for TaskID " + callback.taskId()
                + " (" + e.getMessage() + ")");
        journal.unavailable();
        return error(503, "the journal store is unavailable");
    }

    /** Whether this is the 200. */
    public boolean ok() {
        return status == 200;
    }

    /** What the answer makes of the request, for the telemetry. */
    public RequestOutcome outcome() {
        return duplicate ? RequestOutcome.DUPLICATE : status == 200 ? RequestOutcome.ACCEPTED
                : status == 503 ? RequestOutcome.UNAVAILABLE : RequestOutcome.FAILED;
    }
}
