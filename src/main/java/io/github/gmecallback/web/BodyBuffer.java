package io.github.gmecallback.web;

import java.util.Arrays;

/**
 * The body's bytes as they arrive, bounded: it holds at most one byte past the limit, which is
 * how a chunked body is found to be too large without reading the rest of it.
 */
final class BodyBuffer {

    private final long declaredLength;
    private final int limit;
    private byte[] bytes;
    private int size;

    /**
     * @param declaredLength the request's {@code Content-Length}, or -1 for a chunked body; never
     *                       over {@code limit} (that is refused before reading)
     * @param limit          {@code gme.callback.max-body-bytes}
     */
    BodyBuffer(long declaredLength, int limit) {
        this.declaredLength = declaredLength;
        this.limit = limit;
        // Grown as bytes arrive, never sized from a Content-Length alone: a client that declares
        // the limit and sends nothing must not hold that much heap while it waits.
        this.bytes = new byte[(int) Math.min(declaredLength >= 0 ? declaredLength : limit + 1, 8192)];
    }

    /** How many bytes the next read may ask for: up to one past the limit, never more. */
    int room() {
        return limit + 1 - size;
    }

    /** Takes {@code n} bytes from the start of {@code chunk}; {@code n} is at most {@link #room()}. */
    void append(byte[] chunk, int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit + 1, Math.max(size + n, bytes.length * 2)));
        }
        System.arraycopy(chunk, 0, bytes, size, n);
        size += n;
    }

    boolean overLimit() {
        return size > limit;
    }

    /** The fault of a body whose end has been reached, or {@code null} when it is whole. */
    BodyFault faultAtEnd() {
        if (overLimit()) {
            return BodyFault.TOO_LARGE;
        }
        return declaredLength >= 0 && size < declaredLength ? BodyFault.SHORTER_THAN_DECLARED : null;
    }

    long declaredLength() {
        return declaredLength;
    }

    /** The whole body; call once {@link #faultAtEnd()} returned {@code null}. */
    byte[] bytes() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
}
