package io.github.gmecallback.dedupe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CallbackIdentityTest {

    private static CallbackIdentity of(String userId) {
        return new CallbackIdentity(1400000000L, 446946705284000000L, 1, userId, 3, 7L);
    }

    @Test
    void unpairedSurrogatesKeepDistinctUsersApart() {
        List<String> users = List.of("\ud800", "\udbff", "?", "\udc00", "a\ud800", "\ud800a", "\ud83d\ude00");
        Set<String> digests = users.stream().map(u -> of(u).digest()).collect(Collectors.toSet());
        assertEquals(users.size(), digests.size(), "two of " + users + " share a dedupe key");
    }

    @Test
    void aPairIsNotTakenApartAndAnUnpairedHalfIsNotMistakenForAnotherText() {
        // The marker byte can only come from an unpaired surrogate: no UTF-8 text contains 0xFF.
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 'a', (byte) 0xFF, (byte) 0xD8, 0},
                CallbackIdentity.lossless("\ud800a\ud800"));
        assertArrayEquals("\ud83d\ude00".getBytes(StandardCharsets.UTF_8), CallbackIdentity.lossless("\ud83d\ude00"));
        assertArrayEquals(new byte[] {'x', (byte) 0xFF, (byte) 0xDB, (byte) 0xFF, 'y'}, CallbackIdentity.lossless("x\udbffy"));
    }

    @Test
    void wellFormedTextsKeepTheKeysOfEarlierVersions() {
        // Keys written by earlier versions stay valid across an upgrade: repeats are still recognised.
        assertEquals("0cc080676b9473a7e3193c888d91818348d647b5ae1aeec73ada5aaa2be8fe5d", of("999").digest());
        assertEquals("65be74de3a6921117d962706eaae0c920f048a3cff43b7f2ccefebf7ff462120", of("用户\ud83d\ude00").digest());
    }
}
