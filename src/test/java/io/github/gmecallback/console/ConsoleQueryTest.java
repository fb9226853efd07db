package io.github.gmecallback.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.journal.JournalQuery;
import io.github.gmecallback.journal.Outcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleQueryTest {

    private static JournalQuery query(String... pairs) {
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        return ConsoleQuery.from(parameters::get);
    }

    /** The message of the refusal of one parameter's value, which must name that parameter first. */
    private static String refusal(String name, String value) {
        String message = assertThrows(IllegalArgumentException.class, () -> query(name, value),
                name + "=" + value).getMessage();
        assertTrue(message.startsWith(name + " "), name + "=" + value + ": " + message);
        return message;
    }

    @Test
    void readsEveryFilterAndThePage() {
        JournalQuery query = query("taskId", " 446946705284000000 ", "bizId", "1400000000", "eventType", "3",
                "userId", "u", "roomId", "r", "outcome", "failed", "from", "2026-11-25T10:00",
                "to", "2026-11-25T11:00:00Z", "page", "2", "size", "20", "unknown", "x");
        assertEquals(446946705284000000L, query.taskId());
        assertEquals(1400000000L, query.bizId());
        assertEquals(3, query.eventType());
        assertEquals(Outcome.FAILED, query.outcome());
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), query.from());
        assertEquals(Instant.parse("2026-11-25T11:00:00Z"), query.to());
        assertEquals(2, query.page());
        assertEquals(20, query.pageSize());
        assertEquals(JournalQuery.all(), query("taskId", "", "from", "  "), "empty parameters are no filter");
    }

    @Test
    void acceptsTheEdgesOfEachRange() {
        assertEquals(Integer.MAX_VALUE, query("eventType", "2147483647").eventType());
        assertEquals(Integer.MIN_VALUE, query("eventType", "-2147483648").eventType());
        assertEquals(Long.MAX_VALUE, query("taskId", "9223372036854775807").taskId());
        assertEquals(999, query("page", "999").page());
        assertEquals(JournalQuery.MAX_PAGE_SIZE, query("size", "500").pageSize());
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), query("from", "0001-01-01T00:00").from());
        assertEquals(Instant.parse("9999-12-31T23:59:59.999Z"), query("to", "9999-12-31T23:59:59.999Z").to());
    }

    @Test
    void refusesNumbersBeyondTheirFieldInsteadOfCuttingThem() {
        assertTrue(refusal("eventType", "4294967299").contains("2147483647"), "never cast to 3");
        refusal("eventType", "2147483648");
        refusal("eventType", "-2147483649");
        assertTrue(refusal("taskId", "9223372036854775808").contains("9223372036854775807"));
        refusal("bizId", "99999999999999999999");
        assertTrue(refusal("page", "1000").contains("from 0 to 999"), "no page past the thousandth is read");
        refusal("page", "2147483647");
        refusal("page", "2147483648");
        refusal("page", "99999999999999999999");
        refusal("page", "-1");
        refusal("size", "9223372036854775808");
        refusal("size", "501");
        refusal("size", "0");
    }

    @Test
    void refusesTimesBeyondFourDigitYears() {
        refusal("from", "+300000000-01-01T00:00");
        refusal("to", "+300000000-01-01T00:00:00Z");
        refusal("from", "-300000000-01-01T00:00");
        refusal("to", "+10000-01-01T00:00");
        refusal("from", "0000-12-31T23:59:59Z");
        refusal("from", "+999999999-12-31T23:59:59.999999999");
    }

    @Test
    void refusesWhatIsNoNumberOrTimeAtAll() {
        refusal("taskId", "abc");
        refusal("eventType", "3.0");
        refusal("page", "0x10");
        refusal("from", "yesterday");
        refusal("outcome", "LOST");
    }
}
