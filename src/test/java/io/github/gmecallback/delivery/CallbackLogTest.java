package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CallbackLogTest {

    @Test
    void textWithoutControlCharactersIsLoggedAsItIs() {
        String text = "1400000000_100_999/2023-02-09_audio.mp3 ünïcødé";
        assertSame(text, CallbackLog.printable(text));
    }

    @Test
    void controlCharactersCannotStartANewLogLine() {
        assertEquals("a\\u000a2026-11-25 INFO forged\\u000d\\u0000", CallbackLog.printable("a\n2026-11-25 INFO forged\r\0"));
        assertEquals("x\\u2028y\\u2029", CallbackLog.printable("x\u2028y\u2029"));
        assertEquals("tab\\u0009and\\u007f", CallbackLog.printable("tab\tand\u007f"));
    }

    @Test
    void anAbsentTextIsADash() {
        assertEquals("-", CallbackLog.printable(null));
    }
}
