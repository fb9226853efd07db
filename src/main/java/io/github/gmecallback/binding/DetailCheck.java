package io.github.gmecallback.binding;

import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;

/**
 * What a body's {@code Detail} looked like. Read before the event type may be known (members
 * come in any order), judged afterwards: only the known types require its shape.
 */
final class DetailCheck {

    static final DetailCheck ABSENT = new DetailCheck("Detail is missing");

    /** The first problem with this Detail for a known event type; {@code null} when none. */
    private final String problem;

    private DetailCheck(String problem) {
        this.problem = problem;
    }

    static DetailCheck read(JsonParser parser, Event value) {
        if (value != Event.START_OBJECT) {
            JsonValues.skip(parser, value);
            return new DetailCheck("Detail must be an object");
        }
        String problem = null;
        boolean seqNo = false;
        boolean fileName = false;
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString();
            Event member = parser.next();
            String found = switch (name) {
                case "SeqNo" -> seqNo ? "Detail.SeqNo appears more than once" : seqNo(parser, member);
                case "FileName" -> fileName ? "Detail.FileName appears more than once"
                        : member == Event.VALUE_STRING ? null : "Detail.FileName must be a string";
                default -> {
                    JsonValues.skip(parser, member);
                    yield null;
                }
            };
            seqNo |= name.equals("SeqNo");
            fileName |= name.equals("FileName");
            if (problem == null) {
                problem = found;
            }
        }
        if (problem == null && !seqNo) {
            problem = "Detail.SeqNo is missing";
        }
        if (problem == null && !fileName) {
            problem = "Detail.FileName is missing";
        }
        return new DetailCheck(problem);
    }

    private static String seqNo(JsonParser parser, Event member) {
        try {
            JsonValues.integer("Detail.SeqNo", parser, member);
            return null;
        } catch (MalformedCallbackException e) {
            return e.getMessage();
        }
    }

    void requireKnownShape() throws MalformedCallbackException {
        if (problem != null) {
            throw new MalformedCallbackException(problem);
        }
    }
}
