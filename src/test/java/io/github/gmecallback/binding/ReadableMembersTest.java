package io.github.gmecallback.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReadableMembersTest {

    private final ReadableMembers members = new ReadableMembers(JsonProvider.provider().createParserFactory(Map.of()));

    private ReadableMembers.Read read(String body) {
        return members.of(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheMembersOfABodyThatDoesNotBind() {
        ReadableMembers.Read read = read("{\"BizID\":1,\"Detail\":[1,{\"a\":2}],\"TaskID\":446946705284000000,"
                + "\"UserID\":\"999\",\"EventType\":3,\"RecordMode\":\"one\"}");
        assertEquals(OptionalLong.of(446946705284000000L), read.taskId());
        assertEquals("999", read.userId());
        assertEquals(3, read.eventType());
    }

    @Test
    void keepsWhatWasReadBeforeTheBodyWentWrong() {
        ReadableMembers.Read cut = read("{\"TaskID\":7,\"UserID\":\"u\",\"Detail\":[1,2");
        assertEquals(OptionalLong.of(7), cut.taskId());
        assertEquals("u", cut.userId());
        assertNull(cut.eventType());
        ReadableMembers.Read broken = read("{\"EventType\":2,\"TaskID\":}");
        assertEquals(2, broken.eventType());
        assertEquals(OptionalLong.empty(), broken.taskId());
    }

    @Test
    void takesOnlyValuesOfTheRightTypeAndTheFirstOfRepeats() {
        ReadableMembers.Read read = read("{\"TaskID\":\"446946705284000000\",\"UserID\":5,\"EventType\":4294967296,"
                + "\"EventType\":1}");
        assertEquals(OptionalLong.empty(), read.taskId(), "a string is no TaskID");
        assertNull(read.userId(), "a number is no UserID");
        assertEquals(1, read.eventType(), "out of range, then the next one");
        assertEquals(OptionalLong.of(1), read("{\"TaskID\":1,\"TaskID\":2}").taskId());
        assertEquals(ReadableMembers.MAX_USER_ID, read("{\"UserID\":\"" + "x".repeat(10_000) + "\"}").userId().length());
    }

    @Test
    void readsNothingFromWhatIsNoObject() {
        ReadableMembers.Read read = read("[{\"TaskID\":1}]");
        assertEquals(OptionalLong.empty(), read.taskId());
        assertNull(read.userId());
        assertNull(read.eventType());
        assertEquals(OptionalLong.empty(), read("").taskId());
    }
}
