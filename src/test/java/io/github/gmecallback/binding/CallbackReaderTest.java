package io.github.gmecallback.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gmecallback.Samples;
import io.github.gmecallback.recording.RecordMode;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import io.github.gmecallback.recording.RecordingEventType;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Binding with the JSON-P and JSON-B implementations WildFly ships (Parsson, Yasson). */
class CallbackReaderTest {

    private static final Jsonb JSONB = CallbackReader.jsonb();
    private static final CallbackReader READER =
            new CallbackReader(JsonProvider.provider().createParserFactory(Map.of()), JSONB, true);
    private static final ClaimedBizId CLAIMED =
            new ClaimedBizId(JsonProvider.provider().createParserFactory(Map.of()));

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    @Test
    void bindsEveryFieldOfTheDocumentationExample() throws Exception {
        RecordingCallback callback = READER.read(Samples.documentationExample());
        assertEquals(new RecordingCallback(1400000000L, "100", "999", 1, 1675930605L,
                446946705284000000L, 1, new RecordingDetail(0,
                        "1400000000_100_999/2023-02-09-16-16-45_446946705284000000_audio.mp3")), callback);
        assertEquals(RecordingEventType.RECORDING_STARTED, callback.type());
        assertEquals(RecordMode.MIXED_STREAM, callback.mode());
        assertEquals(Instant.parse("2023-02-09T08:16:45Z"), callback.sentAt());
    }

    @Test
    void keepsTaskIdExactAbove2Pow53() throws Exception {
        // 2^53 + 1 and the largest long: a double would round both.
        for (long taskId : new long[] {446946705284000000L, 9007199254740993L, Long.MAX_VALUE}) {
            assertEquals(taskId, read(Samples.callback(taskId, 3)).taskId());
        }
    }

    @Test
    void ignoresUnknownFields() throws Exception {
        RecordingCallback callback = read("{\"Future\":{\"a\":[1,2,{\"b\":null}]},"
                + Samples.callback(7L, 2).substring(1, Samples.callback(7L, 2).length() - 1)
                + ",\"Extra\":\"x\",\"Numbers\":[1.5,2e9]}");
        assertEquals(7L, callback.taskId());
        assertEquals(RecordingEventType.RECORDING_COMPLETED, callback.type());
    }

    @Test
    void acceptsUnknownEventTypeWithStandIns() throws Exception {
        RecordingCallback callback = read("{\"BizID\":1,\"TaskID\":2,\"EventType\":9,\"Timestamp\":3}");
        assertEquals(RecordingEventType.UNKNOWN, callback.type());
        assertEquals(9, callback.eventType());
        assertEquals(-1, callback.recordMode());
        assertEquals("", callback.userId());
        assertEquals("", callback.roomId());
        assertNull(callback.detail());
    }

    @Test
    void unknownEventTypeKeepsWhatFitsOfAnyDetail() throws Exception {
        assertNull(read("{\"BizID\":1,\"TaskID\":2,\"EventType\":9,\"Timestamp\":3,\"Detail\":[1]}").detail());
        assertNull(read("{\"BizID\":1,\"TaskID\":2,\"EventType\":9,\"Timestamp\":3,\"Detail\":\"x\"}").detail());
        assertEquals(new RecordingDetail(-1, null), read(
                "{\"BizID\":1,\"TaskID\":2,\"EventType\":9,\"Timestamp\":3,\"Detail\":{\"SeqNo\":\"4\",\"FileName\":5}}")
                .detail());
        assertEquals(new RecordingDetail(4, "f"), read(
                "{\"BizID\":1,\"TaskID\":2,\"EventType\":9,\"Timestamp\":3,\"Detail\":{\"X\":{},\"SeqNo\":4,\"FileName\":\"f\"}}")
                .detail());
    }

    @Test
    void keepsNonAsciiTextExact() throws Exception {
        String body = Samples.callback(1400000000L, 5L, 3, "玩家-ü-😀");
        assertEquals("玩家-ü-😀", read(body).userId());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"TaskID\":1,\"EventType\":1}                          | BizID is missing",
            "{\"BizID\":1,\"EventType\":1}                           | TaskID is missing",
            "{\"BizID\":1,\"TaskID\":1}                              | EventType is missing",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":1}              | Timestamp is missing",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":1,\"Timestamp\":1} | RecordMode is missing",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":1,\"Timestamp\":1,\"RecordMode\":0} | UserID is missing",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":2,\"Timestamp\":1,\"RecordMode\":0,\"UserID\":\"u\"} | Detail is missing",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":3,\"Timestamp\":1,\"RecordMode\":0,\"UserID\":\"u\",\"Detail\":null} | Detail must be an object",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":3,\"Timestamp\":1,\"RecordMode\":0,\"UserID\":\"u\",\"Detail\":[]} | Detail must be an object",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":3,\"Timestamp\":1,\"RecordMode\":0,\"UserID\":\"u\",\"Detail\":{\"FileName\":\"f\"}} | Detail.SeqNo is missing",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":3,\"Timestamp\":1,\"RecordMode\":0,\"UserID\":\"u\",\"Detail\":{\"SeqNo\":0}} | Detail.FileName is missing",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":3,\"Timestamp\":1,\"RecordMode\":0,\"UserID\":\"u\",\"Detail\":{\"SeqNo\":0.0,\"FileName\":\"f\"}} | Detail.SeqNo must be an integer",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":3,\"Timestamp\":1,\"RecordMode\":0,\"UserID\":\"u\",\"Detail\":{\"SeqNo\":0,\"FileName\":1}} | Detail.FileName must be a string",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":3,\"Timestamp\":1,\"RecordMode\":0,\"UserID\":\"u\",\"Detail\":{\"SeqNo\":0,\"SeqNo\":1,\"FileName\":\"f\"}} | Detail.SeqNo appears more than once",
            "{\"BizID\":\"1\",\"TaskID\":1,\"EventType\":1}          | BizID must be an integer",
            "{\"BizID\":1,\"TaskID\":\"446946705284000000\",\"EventType\":1} | TaskID must be an integer",
            "{\"BizID\":1,\"TaskID\":1.0,\"EventType\":1}            | TaskID must be an integer",
            "{\"BizID\":1,\"TaskID\":1e3,\"EventType\":1}            | TaskID must be an integer",
            "{\"BizID\":1,\"TaskID\":1E3,\"EventType\":1}            | TaskID must be an integer",
            "{\"BizID\":1,\"TaskID\":null,\"EventType\":1}           | TaskID must be an integer",
            "{\"BizID\":1,\"TaskID\":true,\"EventType\":1}           | TaskID must be an integer",
            "{\"BizID\":1,\"TaskID\":9223372036854775808,\"EventType\":1} | TaskID is out of range",
            "{\"BizID\":1,\"TaskID\":-9223372036854775809,\"EventType\":1} | TaskID is out of range",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":2147483648}     | EventType is out of range",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":1,\"RecordMode\":\"1\"} | RecordMode must be an integer",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":1,\"UserID\":999} | UserID must be a string",
            "{\"BizID\":1,\"TaskID\":1,\"EventType\":1,\"RoomID\":null} | RoomID must be a string",
            "{\"BizID\":1,\"BizID\":2,\"TaskID\":1,\"EventType\":1}  | BizID appears more than once",
            "{\"BizID\":1,\"TaskID\":1,\"x\":1,\"x\":2,\"EventType\":1} | a top-level member appears more than once",
            "[]                                                      | the body must be a JSON object",
            "null                                                    | the body must be a JSON object",
            "\"x\"                                                   | the body must be a JSON object",
            "42                                                      | the body must be a JSON object",
    })
    void refusesNamingTheMember(String body, String message) {
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class, () -> read(body));
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesEmptyAndTruncatedBodies() {
        for (String body : new String[] {"", " ", "{", "{\"BizID\":1", "{\"BizID\":1,\"X\":[1,{\"a\":",
                "{\"BizID\":1}x", "{} {}", "{\"BizID\" 1}", "{'BizID':1}"}) {
            MalformedCallbackException e = assertThrows(MalformedCallbackException.class, () -> read(body), body);
            assertEquals(true, e.getMessage().startsWith("the body"), e.getMessage());
        }
    }

    @Test
    void refusesInvalidUtf8AndByteOrderMark() {
        byte[] valid = Samples.utf8(Samples.callback(1L, 1));
        byte[] invalid = valid.clone();
        invalid[valid.length / 2] = (byte) 0xFF;
        assertEquals("the body is not valid UTF-8", assertThrows(MalformedCallbackException.class,
                () -> READER.read(invalid)).getMessage());
        // "/" as an overlong two-byte sequence.
        byte[] overlong = Samples.utf8("{\"BizID\":1,\"RoomID\":\"a__b\"}");
        overlong[22] = (byte) 0xC0;
        overlong[23] = (byte) 0xAF;
        assertEquals("the body is not valid UTF-8", assertThrows(MalformedCallbackException.class,
                () -> READER.read(overlong)).getMessage());
        byte[] bom = new byte[valid.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(valid, 0, bom, 3, valid.length);
        assertEquals("the body starts with a byte order mark, which JSON forbids",
                assertThrows(MalformedCallbackException.class, () -> READER.read(bom)).getMessage());
    }

    @Test
    void refusesDeepNestingInAnUnknownField() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String body = "{\"X\":" + deep + "," + Samples.callback(1L, 1).substring(1);
        assertThrows(MalformedCallbackException.class, () -> read(body));
    }

    @Test
    void claimedBizIdIsTheFirstTopLevelIntegerOnly() {
        assertEquals(OptionalLong.of(Samples.BIZ_ID), CLAIMED.of(Samples.documentationExample()));
        assertEquals(OptionalLong.of(5), CLAIMED.of(Samples.utf8("{\"X\":{\"BizID\":4},\"BizID\":5,\"BizID\":6}")));
        assertEquals(OptionalLong.empty(), CLAIMED.of(Samples.utf8("{\"BizID\":\"5\"}")));
        assertEquals(OptionalLong.empty(), CLAIMED.of(Samples.utf8("{\"BizID\":5.0}")));
        assertEquals(OptionalLong.empty(), CLAIMED.of(Samples.utf8("{\"BizID\":99999999999999999999}")));
        assertEquals(OptionalLong.empty(), CLAIMED.of(Samples.utf8("[{\"BizID\":5}]")));
        assertEquals(OptionalLong.empty(), CLAIMED.of(Samples.utf8("not json")));
        assertEquals(OptionalLong.empty(), CLAIMED.of(new byte[0]));
        // Stops at BizID: what follows it is never parsed.
        assertEquals(OptionalLong.of(5), CLAIMED.of(Samples.utf8("{\"BizID\":5,\"garbage")));
    }

    @Test
    void claimedBizIdEndsOnABodyCutOffInsideAnArrayOrObject() {
        // Parsson's skipArray()/skipObject() never end on these; the unverified body must not hang a thread.
        for (String body : new String[] {"{\"a\":[", "{\"a\":{", "{\"a\":[[{\"b\":[", "{\"a\":{\"b\":"}) {
            assertEquals(OptionalLong.empty(), org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(2), () -> CLAIMED.of(Samples.utf8(body))), body);
        }
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + ",\"BizID\":5}";
        assertEquals(OptionalLong.empty(), CLAIMED.of(Samples.utf8(deep)));
    }

    private static RecordingCallback read(String body) throws MalformedCallbackException {
        return READER.read(Samples.utf8(body));
    }
}
