package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.CapturedLog;
import io.github.gmecallback.TestClock;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RecordingDetail;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class DuplicateLogTest {

    private static final RecordingCallback REPEAT = new RecordingCallback(1400000000L, "100", "999", 1,
            1795600000L, 446946705284000000L, 3, new RecordingDetail(4, "f.mp3"));

    private final CapturedLog captured = new CapturedLog();
    private final List<LogRecord> records = captured.records();
    private final TestClock clock = new TestClock();
    private final DuplicateLog log = new DuplicateLog(captured.logger(), clock);

    @Test
    void aReplayStormLogsTenDuplicatesAMinuteThenOneSummaryWithTheCount() {
        for (int i = 0; i < 25; i++) {
            log.duplicate(REPEAT);
        }
        assertEquals(10, records.size(), "full duplicate lines in the first minute");
        assertTrue(records.stream().allMatch(r -> r.getLevel() == Level.INFO));
        assertEquals("duplicate UPLOAD_COMPLETED callback: BizID=1400000000 RoomID=100 UserID=999 "
                + "TaskID=446946705284000000 SeqNo=4 FileName=f.mp3 (processed before; no observer called)",
                records.get(0).getMessage());

        clock.advance(Duration.ofSeconds(60));
        log.duplicate(REPEAT);
        assertEquals(12, records.size());
        assertEquals("duplicate: 15 more duplicates in the last minute were not logged one by one",
                records.get(10).getMessage());
        assertTrue(records.get(11).getMessage().startsWith("duplicate UPLOAD_COMPLETED callback:"));
    }

    @Test
    void theSummaryComesOnceTheMinuteIsOverEvenWhenTheDuplicatesStop() {
        for (int i = 0; i < 12; i++) {
            log.duplicate(REPEAT);
        }
        log.flush();
        assertEquals(10, records.size(), "the minute is not over yet");
        clock.advance(Duration.ofSeconds(60));
        log.flush();
        assertEquals(11, records.size());
        assertEquals("duplicate: 2 more duplicates in the last minute were not logged one by one",
                records.get(10).getMessage());
        assertTrue(records.stream().allMatch(r -> !r.getMessage().contains("accepted")), "never accepted");
        log.flush();
        assertEquals(11, records.size(), "one summary a minute");
    }
}
