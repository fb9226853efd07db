package io.github.gmecallback.binding;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Integers as GME writes them: digits with an optional minus, no fraction, no exponent.
 *
 * <p>JSON has one number type; {@code 1.0} and {@code 1e3} are integral values to most parsers,
 * but GME never sends them, and an id that arrives that way was not written by GME.
 */
final class StrictNumbers {

    private static final Pattern INTEGER = Pattern.compile("-?(?:0|[1-9][0-9]*)");

    private StrictNumbers() {
    }

    /** Whether a JSON number's text is an integer (no fraction, no exponent). */
    static boolean isInteger(String jsonNumber) {
        return INTEGER.matcher(jsonNumber).matches();
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
