package io.github.gmecallback.binding;

import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.util.HashSet;
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

    /** The top-level members the check knows, each a bit in {@link #seen}. */
    private enum Member {
        BIZ_ID("BizID", Kind.LONG), TASK_ID("TaskID", Kind.LONG), TIMESTAMP("Timestamp", Kind.LONG),
        EVENT_TYPE("EventType", Kind.INT), RECORD_MODE("RecordMode", Kind.INT),
        ROOM_ID("RoomID", Kind.STRING), USER_ID("UserID", Kind.STRING), DETAIL("Detail", Kind.OBJECT);

        final String json;
        final Kind kind;

        Member(String json, Kind kind) {
            this.json = json;
            this.kind = kind;
        }

        /** The member of this JSON name, or {@code null} for an unknown one. */
        static Member named(String name) {
            return switch (name) {
                case "BizID" -> BIZ_ID;
                case "TaskID" -> TASK_ID;
                case "Timestamp" -> TIMESTAMP;
                case "EventType" -> EVENT_TYPE;
                case "RecordMode" -> RECORD_MODE;
                case "RoomID" -> ROOM_ID;
                case "UserID" -> USER_ID;
                case "Detail" -> DETAIL;
                default -> null;
            };
        }
    }

    private enum Kind { LONG, INT, STRING, OBJECT }

    /** The known members read so far, one bit each: no set to allocate for every callback. */
    private int seen;
    /** Unknown members read so far, only where there are any. */
    private Set<String> seenUnknown;
    private DetailCheck detail = DetailCheck.ABSENT;
    private int eventType;

    private CallbackCheck() {
    }

    static void check(JsonParser parser, boolean timestampRequired) throws MalformedCallbackException {
        new CallbackCheck().run(parser, timestampRequired);
    }

    private void run(JsonParser parser, boolean timestampRequired) throws MalformedCallbackException {
        if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
            throw new MalformedCallbackException("the body must be a JSON object");
        }
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString();
            Member member = Member.named(name);
            if (member == null) {
                if (seenUnknown == null) {
                    seenUnknown = new HashSet<>();
                }
                if (!seenUnknown.add(name)) {
                    throw new MalformedCallbackException("a top-level member appears more than once");
                }
                JsonValues.skip(parser, parser.next());
                continue;
            }
            if ((seen & bit(member)) != 0) {
                throw new MalformedCallbackException(member.json + " appears more than once");
            }
            seen |= bit(member);
            member(member, parser, parser.next());
        }
        if (parser.hasNext()) {
            throw new MalformedCallbackException("the body has data after its JSON object");
        }
        require(Member.BIZ_ID);
        require(Member.TASK_ID);
        require(Member.EVENT_TYPE);
        if (timestampRequired) {
            require(Member.TIMESTAMP);
        }
        if (KnownTypes.isKnown(eventType)) {
            require(Member.RECORD_MODE);
            require(Member.USER_ID);
            detail.requireKnownShape();
        }
    }

    private void member(Member member, JsonParser parser, Event value) throws MalformedCallbackException {
        switch (member.kind) {
            case OBJECT -> detail = DetailCheck.read(parser, value);
            case STRING -> {
                if (value != Event.VALUE_STRING) {
                    throw new MalformedCallbackException(member.json + " must be a string");
                }
            }
            case LONG, INT -> {
                long number = JsonValues.integer(member.json, parser, value);
                if (member.kind == Kind.INT && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
                    throw new MalformedCallbackException(member.json + " is out of range");
                }
                if (member == Member.EVENT_TYPE) {
                    eventType = (int) number;
                }
            }
        }
    }

    private void require(Member member) throws MalformedCallbackException {
        if ((seen & bit(member)) == 0) {
            throw new MalformedCallbackException(member.json + " is missing");
        }
    }

    private static int bit(Member member) {
        return 1 << member.ordinal();
    }
}
