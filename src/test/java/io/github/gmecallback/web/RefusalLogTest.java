package io.github.gmecallback.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.CapturedLog;
import io.github.gmecallback.TestClock;
import io.github.gmecallback.recording.RefusalReason;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    private final CapturedLog captured = new CapturedLog();
    private final List<LogRecord> records = captured.records();
    private final TestClock clock = new TestClock();
    private final RefusalLog log = new RefusalLog(captured.logger(), clock);

    @Test
    void logsTenPerMinuteAndReasonThenOneSummary() {
        for (int i = 0; i < 25; i++) {
            log.refused(RefusalReason.SIGNATURE_MISMATCH, "Signature does not match the body", "10.0.0.1");
        }
        assertEquals(10, records.size());
        assertTrue(records.stream().allMatch(r -> r.getLevel() == Level.WARNING));
        assertEquals("refused signature-mismatch (401) from 10.0.0.1: Signature does not match the body",
                records.get(0).getMessage());

        // Another reason has its own ten.
        log.refused(RefusalReason.BODY_TOO_LARGE, "the body is larger than 10 bytes", "10.0.0.2");
        assertEquals(11, records.size());

        clock.advance(java.time.Duration.ofSeconds(60));
        log.refused(RefusalReason.SIGNATURE_MISMATCH, "Signature does not match the body", "10.0.0.1");
        assertEquals(13, records.size());
        assertEquals("refused signature-mismatch: 15 more refusals in the last minute were not logged one by one",
                records.get(11).getMessage());
        assertTrue(records.get(12).getMessage().startsWith("refused signature-mismatch (401)"));
    }

    @Test
    void flushWritesTheSummaryOnceTheMinuteIsOverEvenWithoutAnotherRefusal() {
        for (int i = 0; i < 12; i++) {
            log.refused(RefusalReason.BODY_TOO_LARGE, "the body is larger than 10 bytes", "10.0.0.2");
        }
        log.flush();
        assertEquals(10, records.size(), "the minute is not over yet");
        clock.advance(java.time.Duration.ofSeconds(60));
        log.flush();
        assertEquals(11, records.size());
        assertEquals("refused body-too-large: 2 more refusals in the last minute were not logged one by one",
                records.get(10).getMessage());
        log.flush();
        assertEquals(11, records.size(), "one summary per minute");
    }
}
