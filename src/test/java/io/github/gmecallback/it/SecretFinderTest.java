package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SecretFinder} finds a secret wherever it stands in a log, and only a whole one. */
class SecretFinderTest {

    private static final String SIGNATURE = "pKXZ/Fk0Zm2h7vWKQ8ZyZK8Bk5Q=";
    private static final String BODY = "{\"BizID\":1400000000,\"RoomID\":\"100\",\"TaskID\":446946705284000000}";

    private final SecretFinder finder = new SecretFinder()
            .add("key", List.of("short-key", "a-much-longer-secret-key-0001"))
            .add("signature", List.of(SIGNATURE))
            .add("body", List.of(BODY));

    @Test
    void findsSecretsNextToEqualsColonsQuotesAndInsideWords() {
        assertEquals(List.of("signature " + SIGNATURE), finder.in("WARN header Signature=" + SIGNATURE + " refused"));
        assertEquals(List.of("signature " + SIGNATURE), finder.in("sha1:" + SIGNATURE));
        assertEquals(List.of("signature " + SIGNATURE), finder.in("x\"" + SIGNATURE + "\"y"));
        assertEquals(List.of("key short-key"), finder.in("key=short-key;"));
        assertEquals(List.of("key a-much-longer-secret-key-0001"), finder.in("k:a-much-longer-secret-key-0001"));
        assertEquals(List.of("body " + BODY), finder.in("INFO received " + BODY + " from 127.0.0.1"));
    }

    @Test
    void findsEachSecretOnceAndNoPartOfOne() {
        assertEquals(List.of("signature " + SIGNATURE), finder.in(SIGNATURE + " and again " + SIGNATURE));
        assertEquals(List.of(), finder.in(SIGNATURE.substring(1) + " " + BODY.substring(0, BODY.length() - 1)));
        assertEquals(List.of(), finder.in("accepted UPLOAD_COMPLETED callback: BizID=1400000000 TaskID=446946705284000000"));
    }
}
