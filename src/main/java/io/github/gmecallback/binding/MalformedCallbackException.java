package io.github.gmecallback.binding;

/**
 * A verified body that is not a valid callback. The message names the member that is wrong
 * (or says what is wrong with the body), and never repeats the body's content.
 */
public final class MalformedCallbackException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * A refused body.
     *
     * @param message what is wrong, e.g. {@code TaskID must be an integer}
     */
    public MalformedCallbackException(String message) {
        super(message, null, false, false);
    }
}
