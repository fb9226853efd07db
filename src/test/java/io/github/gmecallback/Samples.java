package io.github.gmecallback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Callback bodies for tests: the documentation's example and variations of it. */
public final class Samples {

    /** The documentation's TaskID, above 2^53. */
    public static final long TASK_ID = 446946705284000000L;
    /** The documentation's BizID. */
    public static final long BIZ_ID = 1400000000L;

    private Samples() {
    }

    /** The documentation's example, byte for byte (tabs, newlines and all). */
    public static byte[] documentationExample() {
        try (InputStream in = Samples.class.getResourceAsStream("/callbacks/documentation-example.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A compact callback of the given type, task and user, sent now. */
    public static String callback(long bizId, long taskId, int eventType, String userId) {
        return "{\"BizID\":" + bizId + ",\"RoomID\":\"100\",\"UserID\":\"" + userId + "\",\"TaskID\":" + taskId
                + ",\"RecordMode\":1,\"Timestamp\":" + (System.currentTimeMillis() / 1000)
                + ",\"EventType\":" + eventType + ",\"Detail\":{\"SeqNo\":0,\"FileName\":\""
                + bizId + "_100_" + userId + "/2023-02-09-16-16-45_" + taskId + "_audio.mp3\"}}";
    }

    /** {@link #callback(long, long, int, String)} for the documentation's app and user. */
    public static String callback(long taskId, int eventType) {
        return callback(BIZ_ID, taskId, eventType, "999");
    }

    /** UTF-8 bytes of a text. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
