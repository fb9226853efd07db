package io.github.gmecallback.binding;

import java.util.Optional;

/**
 * Integers as GME writes them: digits with an optional minus, no fraction, no exponent.
 *
 * <p>JSON has one number type; {@code 1.0} and {@code 1e3} are integral values to most parsers,
 * but GME never sends them, and an id that arrives that way was not written by GME.
 */
final class StrictNumbers {

    private StrictNumbers() {
    }

    /**
     * Whether a JSON number's text is {@code -?(0|[1-9][0-9]*)}: checked by hand, as this runs for
     * every integer of every callback and a regular expression would allocate a matcher each time.
     */
    static boolean isInteger(String jsonNumber) {
        int start = jsonNumber.startsWith("-") ? 1 : 0;
        int length = jsonNumber.length();
        if (start == length || jsonNumber.charAt(start) == '0' && length > start + 1) {
            return false;
        }
        for (int i = start; i < length; i++) {
            char c = jsonNumber.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A JSON number's text as a {@code long}; empty if it is not an integer or overflows. */
    static Optional<Long> parseLong(String jsonNumber) {
        if (!isInteger(jsonNumber)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(jsonNumber));
        } catch (NumberFormatException overflow) {
            return Optional.empty();
        }
    }
}
