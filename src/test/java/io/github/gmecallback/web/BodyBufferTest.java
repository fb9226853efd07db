package io.github.gmecallback.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyBufferTest {

    private static final byte[] TEN = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aBodyOfItsDeclaredLengthIsWhole() {
        BodyBuffer body = new BodyBuffer(10, 64);
        body.append(TEN, 4);
        body.append(new byte[] {'4', '5', '6', '7', '8', '9'}, 6);
        assertNull(body.faultAtEnd());
        assertArrayEquals(TEN, body.bytes());
    }

    @Test
    void aBodyThatEndsBeforeItsDeclaredLengthIsShort() {
        BodyBuffer body = new BodyBuffer(10, 64);
        body.append(TEN, 9);
        assertEquals(BodyFault.SHORTER_THAN_DECLARED, body.faultAtEnd());
    }

    @Test
    void aChunkedBodyGrowsUpToOneBytePastTheLimit() {
        BodyBuffer body = new BodyBuffer(-1, 20_000);
        byte[] chunk = new byte[8192];
        int read = 0;
        while (!body.overLimit()) {
            int n = Math.min(chunk.length, body.room());
            assertTrue(n > 0, "room left before the limit is crossed");
            body.append(chunk, n);
            read += n;
        }
        assertEquals(20_001, read, "one byte past the limit, no more");
        assertEquals(BodyFault.TOO_LARGE, body.faultAtEnd());
    }

    @Test
    void aChunkedBodyAtTheLimitIsWhole() {
        BodyBuffer body = new BodyBuffer(-1, 10);
        body.append(TEN, 10);
        assertFalse(body.overLimit());
        assertEquals(1, body.room());
        assertNull(body.faultAtEnd());
        assertArrayEquals(TEN, body.bytes());
    }

    @Test
    void anEmptyBodyIsWhole() {
        assertArrayEquals(new byte[0], new BodyBuffer(0, 10).bytes());
        assertArrayEquals(new byte[0], new BodyBuffer(-1, 10).bytes());
    }

    @Test
    void aConnectionThatEndsEarlyIsTheFaultOfItsFraming() {
        assertEquals(BodyFault.SHORTER_THAN_DECLARED, BodyFault.endedEarly(12));
        assertEquals(BodyFault.UNFINISHED_CHUNKS, BodyFault.endedEarly(-1));
        assertEquals("the body is larger than 65536 bytes", BodyFault.TOO_LARGE.message(65536));
        assertEquals("the body did not arrive within 10 seconds", BodyFault.TIMED_OUT.message(65536));
    }
}
