package io.github.gmecallback.signature;

/**
 * A {@code Signature} header that does not verify, with the one check that failed.
 *
 * <p>The message says what is wrong in words safe to send back: it never contains the header,
 * a key, or any part of the body.
 */
public final class SignatureException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The check that failed. */
    public enum Failure {
        /** The request has no {@code Signature} header. */
        MISSING("no Signature header"),
        /** The header is not a 20-byte HMAC-SHA1 in an accepted encoding. */
        MALFORMED("Signature is not an HMAC-SHA1 in base64 or hex"),
        /** No configured key applies to the claimed BizID. */
        NO_KEY("no secret key is configured for this BizID"),
        /** The MAC matches none of the keys chosen for the claimed BizID. */
        MISMATCH("Signature does not match the body");

        private final String message;

        Failure(String message) {
            this.message = message;
        }

        /**
         * The message of this failure.
         *
         * @return a short sentence, safe to answer with
         */
        public String message() {
            return message;
        }
    }

    private final Failure failure;

    /**
     * A failed verification.
     *
     * @param failure the check that failed
     */
    public SignatureException(Failure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    /**
     * The check that failed.
     *
     * @return the failure
     */
    public Failure failure() {
        return failure;
    }
}
