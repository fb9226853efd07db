package io.github.gmecallback.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.ledger.RecordingQuery;
import io.github.gmecallback.recording.RecordingFileState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingParamsTest {

    private static RecordingQuery query(String... pairs) {
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        return RecordingParams.from(parameters::get);
    }

    @Test
    void readsEveryFilterAndThePage() {
        RecordingQuery query = query("taskId", "446946705284000000", "bizId", "1400000000", "roomId", "r",
                "userId", "u", "state", "completed", "from", "2026-11-25T10:00", "to", "2026-11-25T11:00:00Z",
                "page", "2", "size", "20");
        assertEquals(446946705284000000L, query.taskId());
        assertEquals(1400000000L, query.bizId());
        assertEquals("r", query.roomId());
        assertEquals("u", query.userId());
        assertEquals(RecordingFileState.COMPLETED, query.state());
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), query.from());
        assertEquals(Instant.parse("2026-11-25T11:00:00Z"), query.to());
        assertEquals(2, query.page());
        assertEquals(20, query.pageSize());
        assertTrue(query("state", "Overdue").overdueOnly(), "overdue is a state filter of its own");
        assertEquals(RecordingQuery.all(), query("state", " ", "taskId", ""), "empty parameters filter nothing");
    }

    @Test
    void refusesWhatDoesNotFitNamingTheParameter() {
        for (String[] bad : new String[][] {{"state", "LOST"}, {"taskId", "12x"}, {"taskId", "99999999999999999999"},
                {"size", "501"}, {"page", "-1"}, {"page", "1000"}, {"page", "2147483647"}, {"from", "yesterday"}}) {
            String message = assertThrows(IllegalArgumentException.class, () -> query(bad[0], bad[1])).getMessage();
            assertTrue(message.startsWith(bad[0] + " "), bad[0] + "=" + bad[1] + ": " + message);
        }
    }
}
