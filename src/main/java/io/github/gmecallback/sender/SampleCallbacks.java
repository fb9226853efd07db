package io.github.gmecallback.sender;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** The sender's sample callbacks: the documentation's example, made current. */
final class SampleCallbacks {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss")
            .withZone(ZoneOffset.UTC);

    private SampleCallbacks() {
    }

    /**
     * A sample body.
     *
     * @param eventType 1, 2 or 3
     * @param bizId     the AppID
     * @param taskId    the TaskID, or {@code null} for a fresh one
     * @param userId    the UserID
     * @return the JSON, with the current {@code Timestamp}
     */
    static String of(int eventType, long bizId, Long taskId, String userId) {
        Instant now = Instant.now();
        long task = taskId != null ? taskId : 446946705284000000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        String user = json(userId);
        return "{\n"
                + "    \"BizID\":" + bizId + ",\n"
                + "    \"RoomID\":\"100\",\n"
                + "    \"UserID\":\"" + user + "\",\n"
                + "    \"TaskID\":" + task + ",\n"
                + "    \"RecordMode\":1,\n"
                + "    \"Timestamp\":" + now.getEpochSecond() + ",\n"
                + "    \"EventType\":" + eventType + ",\n"
                + "    \"Detail\":{\n"
                + "        \"SeqNo\":0,\n"
                + "        \"FileName\":\"" + bizId + "_100_" + user + "/" + FILE_TIME.format(now) + "_" + task
                + "_audio.mp3\"\n"
                + "    }\n"
                + "}\n";
    }

    /** A string's characters as a JSON string's content. */
    private static String json(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
