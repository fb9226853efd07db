package io.github.gmecallback.web;

import io.github.gmecallback.recording.RefusalReason;

/**
 * Why a request body could not be read as a whole, and what the client is told.
 */
enum BodyFault {

    /** Over {@code gme.callback.max-body-bytes}, by {@code Content-Length} or by the bytes read. */
    TOO_LARGE(RefusalReason.BODY_TOO_LARGE, null),
    /** The connection ended before {@code Content-Length} bytes arrived. */
    SHORTER_THAN_DECLARED(RefusalReason.MALFORMED_BODY, "the body is shorter than its Content-Length"),
    /** The connection ended inside a chunked body. */
    UNFINISHED_CHUNKS(RefusalReason.MALFORMED_BODY, "the body ended before its last chunk"),
    /** The body did not arrive within {@link BodyReader#TIMEOUT_MILLIS}. */
    TIMED_OUT(RefusalReason.BODY_TIMEOUT, "the body did not arrive within "
            + BodyReader.TIMEOUT_MILLIS / 1000 + " seconds");

    private final RefusalReason reason;
    private final String message;

    BodyFault(RefusalReason reason, String message) {
        this.reason = reason;
        this.message = message;
    }

    RefusalReason reason() {
        return reason;
    }

    /** What the answer says; {@code maxBodyBytes} completes the size limit's message. */
    String message(int maxBodyBytes) {
        return message != null ? message : "the body is larger than " + maxBodyBytes + " bytes";
    }

    /** The fault of a connection that ended early: which one depends on how the body was framed. */
    static BodyFault endedEarly(long declaredLength) {
        return declaredLength >= 0 ? SHORTER_THAN_DECLARED : UNFINISHED_CHUNKS;
    }
}
