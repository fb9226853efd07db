package io.github.gmecallback.binding;

import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Reads the BizID an unverified body claims, to choose the keys that verify it.
 *
 * <p>Only the first top-level {@code BizID} is read, in one streaming pass that stops there
 * (GME sends it first); nothing else of an unverified body is parsed. A body that is not JSON,
 * has no such member, or holds something other than an integer there claims nothing, and gets
 * the default keys.
 *
 * <p>Members before {@code BizID} are passed over token by token, never with the parser's
 * {@code skipObject()}/{@code skipArray()}: Parsson's versions of those count brackets without
 * noticing the end of the input, so an unverified body cut off inside an array would loop
 * forever.
 */
public final class ClaimedBizId {

    private final JsonParserFactory parsers;

    /**
     * A reader using the given JSON-P parsers.
     *
     * @param parsers the application's parser factory
     */
    public ClaimedBizId(JsonParserFactory parsers) {
        this.parsers = parsers;
    }

    /**
     * The first top-level {@code BizID} of a body.
     *
     * @param body the unverified request body
     * @return the BizID when the body claims an integer one, else empty
     */
    public OptionalLong of(byte[] body) {
        // From a String rather than a byte stream: an InputStreamReader would allocate an 8 KB
        // buffer for a body of a few hundred bytes. Invalid UTF-8 is replaced, not refused: this is
        // only the claim; the strict pass after verification refuses such a body.
        try (JsonParser parser = parsers.createParser(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return OptionalLong.empty();
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    return OptionalLong.empty();
                }
                String name = parser.getString();
                event = parser.next();
                if (name.equals("BizID")) {
                    return integer(parser, event);
                }
                JsonValues.skip(parser, event);
            }
            return OptionalLong.empty();
        } catch (RuntimeException notJson) {
            // Parsson ends a cut-off body with NoSuchElementException, too deep a nesting with a
            // plain RuntimeException, bad JSON with JsonParsingException: no claim, either way.
            return OptionalLong.empty();
        }
    }

    private static OptionalLong integer(JsonParser parser, JsonParser.Event event) {
        if (event != JsonParser.Event.VALUE_NUMBER) {
            return OptionalLong.empty();
        }
        return StrictNumbers.parseLong(parser.getString())
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
