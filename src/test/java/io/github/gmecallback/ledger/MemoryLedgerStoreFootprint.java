package io.github.gmecallback.ledger;

import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;

/**
 * Measures the memory ledger's heap cost per recording file: fills it with files shaped like
 * GME's (a three-digit UserID, a RoomID, a FileName as GME names them, all three callbacks
 * processed) and compares the heap in use, after full collections, before and after. A
 * benchmark, not a test:
 * <pre>
 * ./mvnw -q test-compile
 * java -cp target/classes:target/test-classes:... io.github.gmecallback.ledger.MemoryLedgerStoreFootprint [files]
 * </pre>
 */
public final class MemoryLedgerStoreFootprint {

    private MemoryLedgerStoreFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // A first, discarded ledger loads every class the filling touches.
        fill(new MemoryLedgerStore(Clock.systemUTC(), 1000), 1000);
        long before = usedAfterGc(memory);
        MemoryLedgerStore store = new MemoryLedgerStore(Clock.systemUTC(), files);
        fill(store, files);
        long after = usedAfterGc(memory);
        System.out.printf("memory recording ledger: %d files, %d bytes in all, %d bytes per file (JDK %s)%n",
                store.size(), after - before, (after - before) / store.size(), System.getProperty("java.version"));
    }

    private static void fill(MemoryLedgerStore store, int files) {
        for (int i = 0; i < files; i++) {
            long task = 446946705284000000L + i / 4;
            String user = Integer.toString(100 + i % 900);
            for (int type = 1; type <= 3; type++) {
                // Each callback arrives as its own bound strings, as JSON-B makes them.
                store.record(new RecordingCallback(1400000000L, new String("1234567"), new String(user), 0,
                        1_700_000_000L, task, type, new RecordingDetail(i % 4, "1400000000_1234567_" + user
                                + "/2023-02-09-16-16-45_" + task + "_audio.mp3")));
            }
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
