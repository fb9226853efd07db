package io.github.gmecallback.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import io.github.gmecallback.recording.RefusalReason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JournalTest {

    private final Journal journal = new Journal(new MemoryJournalStore(10),
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

    private static RecordingCallback callback(long taskId) {
        return new RecordingCallback(1400000000L, "100", "999", 1, 1795600000L, taskId, 3,
                new RecordingDetail(4, "f.mp3"));
    }

    @Test
    void aCallbackIsJournaledPendingThenSettledWithItsFields() throws Exception {
        JournalEntry pending = journal.received(callback(77), "{\"x\":1}".getBytes(StandardCharsets.UTF_8), null, "10.1.1.1", null, false);
        assertEquals(Outcome.PENDING, journal.get(pending.id()).orElseThrow().outcome());
        journal.settled(pending, Outcome.FAILED, true, "java.lang.IllegalStateException: down");
        JournalEntry failed = journal.get(pending.id()).orElseThrow();
        assertEquals(1, failed.attempts());
        journal.settled(failed, Outcome.PROCESSED, true, null);
        JournalEntry done = journal.get(pending.id()).orElseThrow();
        assertEquals(Outcome.PROCESSED, done.outcome());
        assertEquals(2, done.attempts());
        assertEquals(77, done.taskId());
        assertEquals(4, done.seqNo());
        assertEquals("999", done.userId());
        assertEquals("100", done.roomId());
        assertEquals("10.1.1.1", done.remoteAddress());
        assertEquals(Instant.parse("2026-11-25T12:00:00Z"), done.receivedAt());
    }

    @Test
    void countersCountOutcomesAndRefusalsAndKeepTheNewest100Refusals() throws Exception {
        JournalEntry a = journal.received(callback(1), new byte[0], null, "a", null, false);
        journal.settled(a, Outcome.PROCESSED, true, null);
        journal.settled(journal.received(callback(1), new byte[0], null, "a", null, false), Outcome.DUPLICATE, false, null);
        for (int i = 0; i < 150; i++) {
            journal.refused(new RefusalRecord(Instant.EPOCH.plusSeconds(i), RefusalReason.SIGNATURE_MISMATCH, 401,
                    "b", OptionalLong.empty(), OptionalLong.empty(), null, null));
        }
        journal.refused(new RefusalRecord(Instant.EPOCH.plusSeconds(999), RefusalReason.TIMESTAMP_TOO_OLD, 401,
                "c", OptionalLong.of(1400000000L), OptionalLong.of(5), "u", 3));
        JournalCounters counters = journal.counters();
        assertEquals(1, counters.processed());
        assertEquals(1, counters.duplicates());
        assertEquals(150L, counters.refused().get(RefusalReason.SIGNATURE_MISMATCH));
        assertEquals(1L, counters.refused().get(RefusalReason.TIMESTAMP_TOO_OLD));
        assertEquals(0L, counters.refused().get(RefusalReason.BODY_TOO_LARGE));
        assertEquals(100, counters.newestRefusals().size());
        assertEquals(RefusalReason.TIMESTAMP_TOO_OLD, counters.newestRefusals().get(0).reason(), "newest first");
        assertEquals(OptionalLong.of(5), counters.newestRefusals().get(0).taskId());
        assertTrue(counters.newestRefusals().stream().skip(1)
                .allMatch(r -> r.at().isAfter(Instant.EPOCH.plusSeconds(49))), "the oldest 51 went");
    }

    @Test
    void withNoStoreOnlyTheCountersRemain() throws Exception {
        Journal counting = new Journal(new NoJournalStore(), Clock.systemUTC());
        JournalEntry entry = counting.received(callback(1), new byte[0], null, "a", null, false);
        counting.settled(entry, Outcome.PROCESSED, true, null);
        assertTrue(counting.get(entry.id()).isEmpty());
        assertEquals(0, counting.find(JournalQuery.all()).entries().size());
        assertEquals(1, counting.counters().processed());
    }
}
