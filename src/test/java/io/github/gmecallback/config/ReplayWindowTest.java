package io.github.gmecallback.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private final ReplayWindow window = new ReplayWindow(86_400, 300);

    @Test
    void acceptsExactlyAtEachBound() {
        assertEquals(Optional.empty(), window.check(NOW.getEpochSecond() - 86_400, NOW));
        assertEquals(Optional.empty(), window.check(NOW.getEpochSecond() + 300, NOW));
        assertEquals(Optional.empty(), window.check(NOW.getEpochSecond(), NOW));
    }

    @Test
    void refusesOneSecondPastTheAgeBound() {
        ReplayWindow.Crossing crossing = window.check(NOW.getEpochSecond() - 86_401, NOW).orElseThrow();
        assertFalse(crossing.future());
        assertEquals("Timestamp is older than 86400 seconds (gme.callback.max-age)", crossing.message());
    }

    @Test
    void refusesOneSecondPastTheFutureBound() {
        ReplayWindow.Crossing crossing = window.check(NOW.getEpochSecond() + 301, NOW).orElseThrow();
        assertTrue(crossing.future());
        assertEquals("Timestamp is more than 300 seconds in the future (gme.callback.max-clock-skew)",
                crossing.message());
    }

    @Test
    void offAcceptsAnyTimestamp() {
        ReplayWindow off = new ReplayWindow(0, 300);
        assertFalse(off.isOn());
        assertEquals(Optional.empty(), off.check(0, NOW));
        assertEquals(Optional.empty(), off.check(Long.MAX_VALUE, NOW));
    }
}
