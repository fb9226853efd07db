package io.github.gmecallback.binding;

import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a body whose signature held, but which does not bind, still tells of itself: its first
 * top-level {@code TaskID}, {@code UserID} and {@code EventType}, where they are there and of
 * the right type, so that the record of its refusal can say which callback it was. Read in one
 * best-effort pass that keeps what it found before the body went wrong; token by token, as
 * {@link ClaimedBizId} reads, never skipping a whole array at once.
 */
public final class ReadableMembers {

    /** The longest UserID kept: refusals are kept in memory, and a body may be large. */
    static final int MAX_USER_ID = 200;

    /**
     * The members read.
     *
     * @param taskId    {@code TaskID}, when an integer
     * @param userId    {@code UserID}, when a string (cut to 200 characters), else {@code null}
     * @param eventType {@code EventType}, when a 32-bit integer, else {@code null}
     */
    public record Read(OptionalLong taskId, String userId, Integer eventType) {
    }

    private final JsonParserFactory parsers;

    /**
     * A reader using the given JSON-P parsers.
     *
     * @param parsers the application's parser factory
     */
    public ReadableMembers(JsonParserFactory parsers) {
        this.parsers = parsers;
    }

    /**
     * Reads what it can.
     *
     * @param body a verified body that did not bind
     * @return the members found, each empty where it was not
     */
    public Read of(byte[] body) {
        OptionalLong taskId = OptionalLong.empty();
        String userId = null;
        Integer eventType = null;
        try (JsonParser parser = parsers.createParser(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            if (parser.hasNext() && parser.next() == JsonParser.Event.START_OBJECT) {
                while (parser.hasNext()) {
                    JsonParser.Event event = parser.next();
                    if (event == JsonParser.Event.END_OBJECT) {
                        break;
                    }
                    String name = parser.getString();
                    event = parser.next();
                    if (name.equals("TaskID") && taskId.isEmpty() && event == JsonParser.Event.VALUE_NUMBER) {
                        Optional<Long> value = StrictNumbers.parseLong(parser.getString());
                        taskId = value.isPresent() ? OptionalLong.of(value.get()) : OptionalLong.empty();
                    } else if (name.equals("UserID") && userId == null && event == JsonParser.Event.VALUE_STRING) {
                        String value = parser.getString();
                        userId = value.length() > MAX_USER_ID ? value.substring(0, MAX_USER_ID) : value;
                    } else if (name.equals("EventType") && eventType == null && event == JsonParser.Event.VALUE_NUMBER) {
                        eventType = StrictNumbers.parseLong(parser.getString())
                                .filter(v -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)
                                .map(Long::intValue).orElse(null);
                    } else {
                        JsonValues.skip(parser, event);
                    }
                }
            }
        } catch (RuntimeException brokenFromHere) {
            // Cut off, too deep or not JSON from this point on: what was read before stands.
        }
        return new Read(taskId, userId, eventType);
    }
}
