package io.github.gmecallback.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.TestClock;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A repeat of a processed callback is counted on its entry and stored no more, in the memory
 * journal and in the jdbc one (H2 in a file): a storm of one captured callback leaves one entry,
 * and pushes nothing else out of the memory journal.
 */
class JournalRepeatsTest {

    private static final byte[] BODY = "{\"TaskID\":1}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private final TestClock clock = new TestClock();

    private Journal journal(String store) {
        if (store.equals("memory")) {
            return new Journal(new MemoryJournalStore(10), clock);
        }
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("journal") + ";DB_CLOSE_DELAY=-1");
        JdbcJournalStore jdbc = new JdbcJournalStore(dataSource, clock, Duration.ofDays(7));
        return new Journal(jdbc, clock);
    }

    private static RecordingCallback callback(long taskId, String userId) {
        return new RecordingCallback(1400000000L, "100", userId, 1, 1795600000L, taskId, 3,
                new RecordingDetail(4, "f.mp3"));
    }

    private static JournalEntry received(Journal journal, RecordingCallback callback) throws Exception {
        return journal.received(callback, BODY, "c2ln", "10.0.0.1", null, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdbc"})
    void aStormOfOneProcessedCallbackLeavesOneEntryWithItsRepeatsCounted(String store) throws Exception {
        Journal journal = journal(store);
        JournalEntry first = received(journal, callback(1, "u"));
        journal.settled(first, Outcome.PROCESSED, true, null);
        JournalEntry other = received(journal, callback(1, "another-user"));
        journal.settled(other, Outcome.PROCESSED, true, null);
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(1));
            journal.repeated(received(journal, callback(1, "u")));
        }
        List<JournalEntry> entries = journal.find(JournalQuery.all().taskId(1)).entries();
        assertEquals(List.of(other.id(), first.id()), entries.stream().map(JournalEntry::id).toList(),
                "two entries, one per callback: the memory journal of 10 lost neither");
        assertEquals(new EntryHistory(null, null, 20, Instant.ofEpochMilli(clock.millis())),
                journal.get(first.id()).orElseThrow().history());
        assertEquals(0, journal.get(other.id()).orElseThrow().history().repeats(), "another user's file: not a repeat");
        assertEquals(20, journal.counters().duplicates());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "jdbc"})
    void aRepeatOfACallbackNeverProcessedHereStaysAnEntryOfItsOwn(String store) throws Exception {
        Journal journal = journal(store);
        JournalEntry failed = received(journal, callback(2, "u"));
        journal.settled(failed, Outcome.FAILED, true, "boom");
        JournalEntry repeat = received(journal, callback(2, "u"));
        journal.repeated(repeat);
        assertEquals(Outcome.DUPLICATE, journal.get(repeat.id()).orElseThrow().outcome(),
                "processed elsewhere, or purged from here: kept, as a duplicate");
        assertEquals(0, journal.get(failed.id()).orElseThrow().history().repeats());
    }
}
