package io.github.gmecallback.dedupe;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;

/**
 * Measures the memory store's heap cost per remembered callback: fills it with 100 000
 * processed callbacks shaped like GME's (a three-digit UserID) and compares the heap in use,
 * after full collections, before and after. A benchmark, not a test:
 * <pre>
 * ./mvnw -q test-compile
 * java -cp target/classes:target/test-classes io.github.gmecallback.dedupe.MemoryDedupeStoreFootprint
 * </pre>
 */
public final class MemoryDedupeStoreFootprint {

    private MemoryDedupeStoreFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // A first, discarded store loads and initialises every class the filling touches, so that
        // what they keep for good is not counted as the measured store's.
        fill(new MemoryDedupeStore(Clock.systemUTC(), Duration.ofDays(1), 1000, Duration.ofSeconds(4)), 1000);
        long before = usedAfterGc(memory);
        MemoryDedupeStore store = new MemoryDedupeStore(Clock.systemUTC(), Duration.ofDays(1), entries, Duration.ofSeconds(4));
        fill(store, entries);
        long after = usedAfterGc(memory);
        System.out.printf("memory dedupe store: %d entries, %d bytes in all, %d bytes per entry (JDK %s)%n",
                store.size(), after - before, (after - before) / store.size(), System.getProperty("java.version"));
    }

    private static void fill(MemoryDedupeStore store, int entries) throws Exception {
        for (int i = 0; i < entries; i++) {
            store.claim(new CallbackIdentity(1400000000L, 446946705284000000L + i, 1, Integer.toString(100 + i % 900),
                    3, i % 7)).succeeded();
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
