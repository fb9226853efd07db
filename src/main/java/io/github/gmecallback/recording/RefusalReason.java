package io.github.gmecallback.recording;

/**
 * Why the receiver refused a request; each reason answers with one HTTP status.
 *
 * <p>Operators find these names in the WARNING log lines of refusals.
 */
public enum RefusalReason {

    /** A method other than POST (405). */
    METHOD_NOT_ALLOWED(405, "method-not-allowed"),
    /** No secret key is configured at all: the receiver fails closed (503). */
    NO_SECRET_KEY(503, "no-secret-key"),
    /** The body is larger than {@code gme.callback.max-body-bytes} (413). */
    BODY_TOO_LARGE(413, "body-too-large"),
    /** The body did not arrive whole within 10 seconds of the request's headers (408). */
    BODY_TIMEOUT(408, "body-timeout"),
    /** The {@code Signature} header is missing (401). */
    SIGNATURE_MISSING(401, "signature-missing"),
    /** The {@code Signature} header is not a base64 or hex HMAC-SHA1 (401). */
    SIGNATURE_MALFORMED(401, "signature-malformed"),
    /** The signature matches none of the keys chosen for the claimed BizID (401). */
    SIGNATURE_MISMATCH(401, "signature-mismatch"),
    /** No configured key applies to the claimed BizID (401). */
    NO_KEY_FOR_BIZ_ID(401, "no-key-for-bizid"),
    /** The verified body is not a valid callback (400). */
    MALFORMED_BODY(400, "malformed-body"),
    /** The bound BizID is not the one the keys were chosen for (401). */
    BIZ_ID_MISMATCH(401, "bizid-mismatch"),
    /** The signed {@code Timestamp} is older than {@code gme.callback.max-age} (401). */
    TIMESTAMP_TOO_OLD(401, "timestamp-too-old"),
    /** The signed {@code Timestamp} lies further ahead than {@code gme.callback.max-clock-skew} (401). */
    TIMESTAMP_IN_FUTURE(401, "timestamp-in-future");

    private final int status;
    private final String label;

    RefusalReason(int status, String label) {
        this.status = status;
        this.label = label;
    }

    /**
     * The HTTP status the receiver answers for this reason.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * The reason as logged, in lower-case words joined by hyphens.
     *
     * @return the log label, e.g. {@code signature-mismatch}
     */
    public String label() {
        return label;
    }
}
