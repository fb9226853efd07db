package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheFirstDelayUpToAnHour() {
        Backoff backoff = new Backoff(5);
        List<Long> delays = new ArrayList<>();
        for (int attempts = 1; attempts <= 14; attempts++) {
            delays.add(backoff.after(attempts).toSeconds());
        }
        assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 160L, 320L, 640L, 1280L, 2560L, 3600L, 3600L, 3600L, 3600L),
                delays);
        assertEquals(Duration.ofSeconds(3600), backoff.after(Integer.MAX_VALUE), "no overflow, however many attempts");
    }

    @Test
    void theDefaultsSpanAboutFourteenHours() {
        // 5 + 10 + ... + 2560 = 5115 s, then 13 delays of an hour between attempts 11 and 24.
        assertEquals(Duration.ofSeconds(5115 + 13 * 3600), new Backoff(5).span(24));
        assertEquals(Duration.ZERO, new Backoff(5).span(1), "a single attempt has no retry");
    }

    @Test
    void aLongFirstDelayIsCappedAtOnce() {
        assertEquals(Duration.ofSeconds(3600), new Backoff(3600).after(1));
        assertEquals(Duration.ofSeconds(3600), new Backoff(3000).after(2));
        assertEquals(Duration.ofSeconds(1), new Backoff(1).after(1));
        assertEquals(Duration.ofSeconds(4), new Backoff(1).after(3));
    }

    @Test
    void refusesWhatIsNoSchedule() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(5).after(0));
    }
}
