package io.github.gmecallback.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.recording.RecordingCallback;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Row 6 of the status table: a bound BizID other than the one whose keys verified the body is
 * refused. Over HTTP the strict check refuses such a body first (a second BizID is a repeated
 * member), so the guard is proven here.
 */
class VerifiedBodyTest {

    private static RecordingCallback bizId(long bizId) {
        return new RecordingCallback(bizId, "r", "u", 0, 1, 2, 3, null);
    }

    @Test
    void acceptsTheBizIdTheKeysWereChosenFor() {
        assertTrue(new VerifiedBody(new byte[0], OptionalLong.of(7), null).verifiedFor(bizId(7)));
    }

    @Test
    void refusesAnotherBizIdThanTheVerifiedOne() {
        assertFalse(new VerifiedBody(new byte[0], OptionalLong.of(7), null).verifiedFor(bizId(8)));
    }

    @Test
    void refusesABizIdWhenTheDefaultKeysWereChosenForNoClaim() {
        assertFalse(new VerifiedBody(new byte[0], OptionalLong.empty(), null).verifiedFor(bizId(7)));
    }
}
