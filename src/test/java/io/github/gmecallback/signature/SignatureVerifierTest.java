package io.github.gmecallback.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.signature.SignatureException.Failure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureVerifierTest {

    private static final String KEY = "app-secret-key";
    private static final byte[] EXAMPLE = Samples.documentationExample();
    private static final List<HmacKey> KEYS = List.of(HmacKey.of(KEY));

    private final SignatureVerifier auto = new SignatureVerifier(SignatureEncoding.AUTO);

    @Test
    void signerMatchesTheHmacSha1OfTheExactBytes() throws Exception {
        // Independent of our own code: the JDK's HmacSHA1 over the file's bytes.
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] expected = mac.doFinal(EXAMPLE);
        assertArrayEquals(expected, Base64.getDecoder().decode(CallbackSigner.base64(EXAMPLE, KEY)));
        assertEquals(HexFormat.of().formatHex(expected), CallbackSigner.hex(EXAMPLE, KEY));
    }

    @Test
    void acceptsDocumentationExampleSignedInBase64() {
        assertDoesNotThrow(() -> auto.verify(EXAMPLE, CallbackSigner.base64(EXAMPLE, KEY), KEYS));
    }

    @Test
    void acceptsDocumentationExampleSignedInHex() {
        assertDoesNotThrow(() -> auto.verify(EXAMPLE, CallbackSigner.hex(EXAMPLE, KEY), KEYS));
    }

    @Test
    void acceptsUpperCaseHex() {
        String upper = CallbackSigner.hex(EXAMPLE, KEY).toUpperCase(Locale.ROOT);
        assertDoesNotThrow(() -> auto.verify(EXAMPLE, upper, KEYS));
    }

    @Test
    void acceptsSurroundingWhiteSpaceAsHttpAllows() {
        assertDoesNotThrow(() -> auto.verify(EXAMPLE, " \t" + CallbackSigner.base64(EXAMPLE, KEY) + " ", KEYS));
    }

    @Test
    void rejectsBodyWithOneFlippedByte() {
        for (int i : new int[] {0, EXAMPLE.length / 2, EXAMPLE.length - 1}) {
            byte[] tampered = EXAMPLE.clone();
            tampered[i] ^= 1;
            assertFailure(Failure.MISMATCH, auto, tampered, CallbackSigner.base64(EXAMPLE, KEY), KEYS);
        }
    }

    @Test
    void rejectsBodyWithOneByteAppended() {
        byte[] longer = Arrays.copyOf(EXAMPLE, EXAMPLE.length + 1);
        longer[EXAMPLE.length] = ' ';
        assertFailure(Failure.MISMATCH, auto, longer, CallbackSigner.base64(EXAMPLE, KEY), KEYS);
    }

    @Test
    void rejectsBodySignedWithAnotherKey() {
        assertFailure(Failure.MISMATCH, auto, EXAMPLE, CallbackSigner.base64(EXAMPLE, "other-key"), KEYS);
    }

    @Test
    void acceptsEitherKeyDuringRotation() {
        List<HmacKey> rotating = List.of(HmacKey.of("old-key"), HmacKey.of("new-key"));
        assertDoesNotThrow(() -> auto.verify(EXAMPLE, CallbackSigner.base64(EXAMPLE, "old-key"), rotating));
        assertDoesNotThrow(() -> auto.verify(EXAMPLE, CallbackSigner.base64(EXAMPLE, "new-key"), rotating));
        assertFailure(Failure.MISMATCH, auto, EXAMPLE, CallbackSigner.base64(EXAMPLE, KEY), rotating);
    }

    @Test
    void perBizIdKeysVerifyOnlyTheirOwnApp() {
        KeyRing ring = new KeyRing(List.of(HmacKey.of("default-key")),
                Map.of(Samples.BIZ_ID, List.of(HmacKey.of("app-a-key"))));
        List<HmacKey> forA = ring.keysFor(OptionalLong.of(Samples.BIZ_ID));
        assertDoesNotThrow(() -> auto.verify(EXAMPLE, CallbackSigner.base64(EXAMPLE, "app-a-key"), forA));
        // The default key no longer opens an app that has keys of its own.
        assertFailure(Failure.MISMATCH, auto, EXAMPLE, CallbackSigner.base64(EXAMPLE, "default-key"), forA);
    }

    @Test
    void rejectsBodySignedWithAppAsKeyClaimingAppB() {
        long appA = 1400000001L;
        long appB = 1400000002L;
        KeyRing ring = new KeyRing(List.of(), Map.of(
                appA, List.of(HmacKey.of("app-a-key")),
                appB, List.of(HmacKey.of("app-b-key"))));
        byte[] claimsB = Samples.utf8(Samples.callback(appB, Samples.TASK_ID, 3, "999"));
        assertFailure(Failure.MISMATCH, auto, claimsB, CallbackSigner.base64(claimsB, "app-a-key"),
                ring.keysFor(OptionalLong.of(appB)));
    }

    @Test
    void refusesWhenNoKeyAppliesToTheClaim() {
        KeyRing ring = new KeyRing(List.of(), Map.of(1L, List.of(HmacKey.of(KEY))));
        assertFailure(Failure.NO_KEY, auto, EXAMPLE, CallbackSigner.base64(EXAMPLE, KEY),
                ring.keysFor(OptionalLong.of(Samples.BIZ_ID)));
    }

    @Test
    void aBizIdWithoutKeysCostsTheOneHmacOverTheBodyThatAMismatchCosts() {
        List<byte[]> signed = new ArrayList<>();
        List<HmacKey> signers = new ArrayList<>();
        SignatureVerifier counting = new SignatureVerifier(SignatureEncoding.AUTO, (key, body) -> {
            signed.add(body);
            signers.add(key);
            return key.mac(body);
        });
        String header = CallbackSigner.base64(EXAMPLE, "other-key");
        assertFailure(Failure.MISMATCH, counting, EXAMPLE, header, KEYS);
        assertEquals(1, signed.size(), "a mismatch under one key: one HMAC");

        assertFailure(Failure.NO_KEY, counting, EXAMPLE, header, List.of());
        assertEquals(2, signed.size(), "no key: the same one HMAC, so the answer's timing does not tell");
        assertSame(EXAMPLE, signed.get(1), "over the body itself");

        // Whoever reads the stand-in key here and signs with it still learns nothing and gets nowhere.
        String standIn = Base64.getEncoder().encodeToString(signers.get(1).mac(EXAMPLE));
        assertFailure(Failure.NO_KEY, counting, EXAMPLE, standIn, List.of());
    }

    @Test
    void rejectsMissingHeader() {
        assertFailure(Failure.MISSING, auto, EXAMPLE, null, KEYS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "sha1=abc", "====", "not base64 at all but 28 ch",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAA", // 27 characters: padding missing
            "AAAAAAAAAAAAAAAAAAAAAAAAAA==", // 19 bytes
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAA", // 21 bytes, no padding
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", // 40 characters, not hex
            "00000000000000000000000000000000000000", // 19 bytes of hex
            "000000000000000000000000000000000000000000"}) // 21 bytes of hex
    void rejectsEmptyAndGarbageHeaders(String header) {
        assertFailure(Failure.MALFORMED, auto, EXAMPLE, header, KEYS);
    }

    @Test
    void rejectsUrlSafeBase64() {
        // A body whose base64 MAC holds '+' or '/', the characters URL-safe base64 replaces.
        byte[] body = null;
        String standard = null;
        for (int i = 0; standard == null || !(standard.contains("+") || standard.contains("/")); i++) {
            body = Samples.utf8(Integer.toString(i));
            standard = CallbackSigner.base64(body, KEY);
        }
        String urlSafe = standard.replace('+', '-').replace('/', '_');
        assertFailure(Failure.MALFORMED, auto, body, urlSafe, KEYS);
    }

    @Test
    void base64OnlyRefusesHex() {
        SignatureVerifier base64 = new SignatureVerifier(SignatureEncoding.BASE64);
        assertDoesNotThrow(() -> base64.verify(EXAMPLE, CallbackSigner.base64(EXAMPLE, KEY), KEYS));
        assertFailure(Failure.MALFORMED, base64, EXAMPLE, CallbackSigner.hex(EXAMPLE, KEY), KEYS);
    }

    @Test
    void hexOnlyRefusesBase64() {
        SignatureVerifier hex = new SignatureVerifier(SignatureEncoding.HEX);
        assertDoesNotThrow(() -> hex.verify(EXAMPLE, CallbackSigner.hex(EXAMPLE, KEY), KEYS));
        assertFailure(Failure.MALFORMED, hex, EXAMPLE, CallbackSigner.base64(EXAMPLE, KEY), KEYS);
    }

    @Test
    void keyNeverShowsInToString() {
        assertTrue(!HmacKey.of(KEY).toString().contains(KEY));
    }

    private static void assertFailure(Failure expected, SignatureVerifier verifier, byte[] body, String header,
            List<HmacKey> keys) {
        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verify(body, header, keys));
        assertEquals(expected, e.failure());
        assertEquals(expected.message(), e.getMessage());
    }
}
