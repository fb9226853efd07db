package io.github.gmecallback.binding;

import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;

/** Reading single values off a streaming parser, strictly. */
final class JsonValues {

    private JsonValues() {
    }

    /**
     * The integer a member holds.
     *
     * @throws MalformedCallbackException naming the member if it is not an integer or overflows
     */
    static long integer(String name, JsonParser parser, Event value) throws MalformedCallbackException {
        String lexeme = value == Event.VALUE_NUMBER ? parser.getString() : null;
        if (lexeme == null || !StrictNumbers.isInteger(lexeme)) {
            throw new MalformedCallbackException(name + " must be an integer");
        }
        try {
            return Long.parseLong(lexeme);
        } catch (NumberFormatException overflow) {
            throw new MalformedCallbackException(name + " is out of range");
        }
    }

    /**
     * Passes over a value, reading every token: unlike {@code skipObject()}, which only counts
     * brackets (and in Parsson never stops at the end of a cut-off input), this lets the parser
     * check that what is skipped is valid JSON too, and fail at its end.
     */
    static void skip(JsonParser parser, Event value) {
        if (value != Event.START_OBJECT && value != Event.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            Event event = parser.next();
            if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
                depth++;
            } else if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
                depth--;
            }
        }
    }
}
