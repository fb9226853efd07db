package io.github.gmecallback.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "7", "-7", "446946705284000000", "9223372036854775807", "-9223372036854775808",
            "99999999999999999999"})
    void integersAsGmeWritesThem(String lexeme) {
        assertTrue(StrictNumbers.isInteger(lexeme), lexeme);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "01", "-01", "00", "1.0", "1e3", "1E3", "-1.5", "+1", "1-", "--1", " 1"})
    void anythingElseIsNot(String lexeme) {
        assertFalse(StrictNumbers.isInteger(lexeme), lexeme);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "1.0"})
    void overflowAndFractionsParseToNothing(String lexeme) {
        assertEquals(Optional.empty(), StrictNumbers.parseLong(lexeme));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0", "0"})
    void minusZeroIsZero(String lexeme) {
        assertEquals(Optional.of(0L), StrictNumbers.parseLong(lexeme));
    }
}
