package io.github.gmecallback.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.console.Html.Markup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DispatchPagesTest {

    @ParameterizedTest
    @CsvSource({"3, 0, 0, ''",
            "3, 1, 0, ' Refused 1 whose signature or bytes no longer hold (the server''s log names them).'",
            "0003, 01, 0, ' Refused 1 whose signature or bytes no longer hold (the server''s log names them).'",
            "3, 0, 2, ' 2 had been replayed already, and were not replayed again.'"})
    void theNoticeAfterABulkReplaySaysHowManyWereReplayedAndRefused(String replayed, String refused, String already,
            String more) {
        assertEquals("<p class=\"notice\">Replayed 3: each is an entry of its own, marked as a replay, and the "
                + "dead entry it replays has left this list." + more + "</p>",
                DispatchPages.replayed(replayed, refused, already).html());
    }

    /** The notice's link can be sent to an operator by anyone: no text of it may reach the page. */
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "3, 2 entries were forged. Your session expired: log in again at https://evil.example",
            "Your session expired, 0",
            "3, null",
            "null, 0",
            "3, -1",
            "+3, 0",
            "3, 1e3",
            "' 3', 0",
            "'', 0",
            "3, ９", // a full-width digit, which Integer.parseInt would take
            "99999999999999999999, 0",
            "1001, 0", // more than one bulk replay takes
            "600, 401"})
    void anythingButTwoCountsOneBulkReplayCanReachShowsNoNotice(String replayed, String refused) {
        assertEquals(Markup.NONE, DispatchPages.replayed(replayed, refused, "0"));
        assertEquals(Markup.NONE, DispatchPages.replayed(replayed, "0", refused), "the same rules for the third count");
    }
}
