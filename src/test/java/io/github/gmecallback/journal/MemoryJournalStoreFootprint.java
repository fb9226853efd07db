package io.github.gmecallback.journal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Measures the memory journal's heap cost per entry: fills it with callbacks shaped like the
 * documentation's example (about 280 bytes of body each) and compares the heap in use, after
 * full collections, before and after. A benchmark, not a test; {@code bench/run} runs it:
 * <pre>
 * java -cp target/classes:target/test-classes io.github.gmecallback.journal.MemoryJournalStoreFootprint [entries]
 * </pre>
 */
public final class MemoryJournalStoreFootprint {

    private MemoryJournalStoreFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        fill(new MemoryJournalStore(1000), 1000); // loads what the filling touches, not counted
        long before = usedAfterGc(memory);
        MemoryJournalStore store = new MemoryJournalStore(entries);
        int bodyBytes = fill(store, entries);
        long after = usedAfterGc(memory);
        System.out.printf("memory journal: %d entries with %d-byte bodies, %d bytes in all, %d bytes per entry"
                + " (%d besides the body; JDK %s)%n", store.size(), bodyBytes, after - before,
                (after - before) / store.size(), (after - before) / store.size() - bodyBytes,
                System.getProperty("java.version"));
    }

    private static int fill(MemoryJournalStore store, int entries) {
        int bodyBytes = 0;
        for (int i = 0; i < entries; i++) {
            long taskId = 446946705284000000L + i;
            String user = Integer.toString(100 + i % 900);
            byte[] body = ("{\"BizID\":1400000000,\"RoomID\":\"100\",\"UserID\":\"" + user + "\",\"TaskID\":" + taskId
                    + ",\"RecordMode\":0,\"Timestamp\":1795600000,\"EventType\":3,\"Detail\":{\"SeqNo\":0,"
                    + "\"FileName\":\"1400000000_100_" + user + "/2023-02-09-16-16-45_" + taskId + "_audio.mp3\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            bodyBytes = body.length;
            JournalEntry entry = store.append(new JournalEntry(0, Instant.now(), "203.0.113.7", 1400000000L, taskId, 0,
                    user, 3, 0, "100", body, Outcome.PENDING, 0, null, false, "L4kZ3Xv0GxBkX0Lqa2k8bRkDd9U=",
                    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null));
            store.update(entry.settled(Outcome.PROCESSED, 1, null));
        }
        return bodyBytes;
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
