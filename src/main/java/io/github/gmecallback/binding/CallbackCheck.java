package io.github.gmecallback.binding;

import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The strict pass over a verified body: one JSON object, no top-level member twice, the members
 * GME requires present, each with the type GME sends. Throws at the first problem, naming the
 * member; never echoes the body.
 *
 * <p>The rules, as the contract states them: {@code BizID}, {@code TaskID}, {@code EventType} (and
 * {@code Timestamp} while the replay window is on) are always required; for the known event
 * types also {@code RecordMode}, {@code UserID} and {@code Detail} with {@code SeqNo} and
 * {@code FileName}. An unknown type's {@code Detail} is optional and not type-checked. Unknown
 * members are ignored, but must still be valid JSON.
 */
final class CallbackCheck {

    private enum Kind { LONG, INT, STRING }

    private static final Map<String, Kind> MEMBERS = Map.of(
            "BizID", Kind.LONG,
            "TaskID", Kind.LONG,
            "Timestamp", Kind.LONG,
            "EventType", Kind.INT,
            "RecordMode", Kind.INT,
            "RoomID", Kind.STRING,
            "UserID", Kind.STRING);

    private final Set<String> seen = new HashSet<>();
    private DetailCheck detail = DetailCheck.ABSENT;
    private int eventType;

    private CallbackCheck() {
    }

    /**
     * Checks the body a parser reads; the parser must be at its start.
     *
     * @param parser            a parser over the decoded body
     * @param timestampRequired whether {@code Timestamp} is required (the replay window is on)
     * @throws MalformedCallbackException at the first problem
     */
    static void check(JsonParser parser, boolean timestampRequired) throws MalformedCallbackException {
        new CallbackCheck().run(parser, timestampRequired);
    }

    private void run(JsonParser parser, boolean timestampRequired) throws MalformedCallbackException {
        if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
            throw new MalformedCallbackException("the body must be a JSON object");
        }
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString();
            if (!seen.add(name)) {
                throw new MalformedCallbackException((MEMBERS.containsKey(name) || name.equals("Detail")
                        ? name : "a top-level member") + " appears more than once");
            }
            member(name, parser, parser.next());
        }
        if (parser.hasNext()) {
            throw new MalformedCallbackException("the body has data after its JSON object");
        }
        require("BizID");
        require("TaskID");
        require("EventType");
        if (timestampRequired) {
            require("Timestamp");
        }
        if (KnownTypes.isKnown(eventType)) {
            require("RecordMode");
            require("UserID");
            detail.requireKnownShape();
        }
    }

    private void member(String name, JsonParser parser, Event value) throws MalformedCallbackException {
        if (name.equals("Detail")) {
            detail = DetailCheck.read(parser, value);
            return;
        }
        Kind kind = MEMBERS.get(name);
        if (kind == null) {
            JsonValues.skip(parser, value);
        } else if (kind == Kind.STRING) {
            if (value != Event.VALUE_STRING) {
                throw new MalformedCallbackException(name + " must be a string");
            }
        } else {
            long number = JsonValues.integer(name, parser, value);
            if (kind == Kind.INT && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
                throw new MalformedCallbackException(name + " is out of range");
            }
            if (name.equals("EventType")) {
                eventType = (int) number;
            }
        }
    }

    private void require(String name) throws MalformedCallbackException {
        if (!seen.contains(name)) {
            throw new MalformedCallbackException(name + " is missing");
        }
    }
}
