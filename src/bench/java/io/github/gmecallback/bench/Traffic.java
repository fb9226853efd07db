package io.github.gmecallback.bench;

import io.github.gmecallback.signature.CallbackSigner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark's request files for {@code bench/traffic.lua}: one request per line, the
 * {@code Signature} header, a tab, and the body.
 *
 * <p>Callbacks are shaped like the documentation's example, with distinct TaskIDs, the three
 * EventTypes in turn, and the current Timestamp, each signed with the key. Every file holds
 * callbacks no other file holds, so that a row that reads a file of its own never sends one twice.
 *
 * <pre>
 * java Traffic DIR KEY PER_FILE NAME...   # DIR/NAME.txt for each NAME
 * java Traffic DIR KEY PER_FILE --bad-signature NAME...   # the same bodies, signatures broken
 * </pre>
 */
public final class Traffic {

    private Traffic() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String key = args[1];
        int perFile = Integer.parseInt(args[2]);
        boolean badSignature = args[3].equals("--bad-signature");
        long now = System.currentTimeMillis() / 1000;
        // TaskIDs unique across runs too: the current time in microseconds, then a counter.
        long taskId = System.currentTimeMillis() * 1000;
        Files.createDirectories(dir);
        for (int f = badSignature ? 4 : 3; f < args.length; f++) {
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(args[f] + ".txt"), StandardCharsets.UTF_8)) {
                for (int i = 0; i < perFile; i++, taskId++) {
                    String body = callback(taskId, 1 + (int) (taskId % 3), now);
                    String signature = CallbackSigner.base64(body, key);
                    if (badSignature) {
                        signature = (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
                    }
                    out.write(signature);
                    out.write('\t');
                    out.write(body);
                    out.write('\n');
                }
            }
        }
    }

    /** A callback like the documentation's example, for this task, type and time. */
    static String callback(long taskId, int eventType, long timestamp) {
        String user = Long.toString(100 + taskId % 900);
        return "{\"BizID\":1400000000,\"RoomID\":\"100\",\"UserID\":\"" + user + "\",\"TaskID\":" + taskId
                + ",\"RecordMode\":0,\"Timestamp\":" + timestamp + ",\"EventType\":" + eventType
                + ",\"Detail\":{\"SeqNo\":0,\"FileName\":\"1400000000_100_" + user + "/2023-02-09-16-16-45_"
                + taskId + "_audio.mp3\"}}";
    }
}
