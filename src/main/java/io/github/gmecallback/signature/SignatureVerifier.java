package io.github.gmecallback.signature;

import io.github.gmecallback.signature.SignatureException.Failure;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Verifies GME's {@code Signature} header: {@code HMAC-SHA1(body, SecretKey)} over the exact
 * bytes received.
 *
 * <p>Plain Java, immutable and thread-safe:
 * <pre>{@code
 * SignatureVerifier verifier = new SignatureVerifier(SignatureEncoding.AUTO);
 * verifier.verify(bodyBytes, request.getHeader("Signature"), List.of(HmacKey.of(secret)));
 * }</pre>
 *
 * <p>Why bytes: a body decoded to a {@code String} and encoded again need not give the bytes
 * GME signed (a stray invalid byte, a default charset), and re-serialised JSON never does.
 * The comparison is {@link MessageDigest#isEqual(byte[], byte[])}, in constant time, so the
 * answer's timing tells an attacker nothing about how much of a forged MAC was right; and a
 * BizID without keys costs the same HMAC and comparison as a mismatch, so the timing does not
 * tell which BizIDs have keys either.
 */
public final class SignatureVerifier {

    /** Characters of a base64 HMAC-SHA1: 20 bytes make 27 characters and one {@code =}. */
    private static final int BASE64_LENGTH = 28;
    /** Characters of a hex HMAC-SHA1. */
    private static final int HEX_LENGTH = 2 * HmacKey.MAC_LENGTH;
    /**
     * What a BizID without keys is verified with, so that its refusal costs the HMAC a mismatch
     * costs; a key shorter than SHA-1's 64-byte block, as GME's are, so it costs the same.
     * Nothing it matches is accepted.
     */
    private static final List<HmacKey> STAND_IN = List.of(HmacKey.of("gme-callback: no key for this BizID"));

    private final SignatureEncoding encoding;
    private final Signing signing;

    /**
     * A verifier accepting the given form of the MAC.
     *
     * @param encoding how the header writes the MAC
     */
    public SignatureVerifier(SignatureEncoding encoding) {
        this(encoding, HmacKey::mac);
    }

    /** A verifier computing its MACs through {@code signing}: a test's counts them. */
    SignatureVerifier(SignatureEncoding encoding, Signing signing) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.signing = signing;
    }

    /** Computes the MAC of a body under a key; every MAC the verifier computes goes through it. */
    @FunctionalInterface
    interface Signing {
        byte[] mac(HmacKey key, byte[] body);
    }

    /**
     * Checks that {@code header} is the HMAC-SHA1 of {@code body} under one of {@code keys}.
     *
     * @param body   the request body, exactly as received
     * @param header the {@code Signature} header's value, or {@code null} when absent
     * @param keys   the keys that may have signed it (see {@link KeyRing#keysFor})
     * @throws SignatureException with the failed check: header missing, malformed, no key, or
     *                            no key matches
     */
    public void verify(byte[] body, String header, List<HmacKey> keys) throws SignatureException {
        if (header == null) {
            throw new SignatureException(Failure.MISSING);
        }
        byte[] claimed = decode(header);
        // A BizID without keys does the work of one with a key, or the answer's timing would
        // tell which BizIDs have keys (its message does not).
        boolean matched = false;
        for (HmacKey key : keys.isEmpty() ? STAND_IN : keys) {
            if (MessageDigest.isEqual(signing.mac(key, body), claimed)) {
                matched = true;
                break;
            }
        }
        if (keys.isEmpty()) {
            throw new SignatureException(Failure.NO_KEY);
        }
        if (!matched) {
            throw new SignatureException(Failure.MISMATCH);
        }
    }

    /**
     * The MAC a header carries, in the accepted encodings. Surrounding spaces and tabs are HTTP's
     * optional white space, not part of the value.
     */
    private byte[] decode(String header) throws SignatureException {
        String value = header.strip();
        if (value.length() == HEX_LENGTH && encoding != SignatureEncoding.BASE64) {
            try {
                return HexFormat.of().parseHex(value);
            } catch (IllegalArgumentException notHex) {
                throw new SignatureException(Failure.MALFORMED);
            }
        }
        // Java's decoder accepts missing padding; GME's form (and so ours) is padded.
        if (value.length() == BASE64_LENGTH && value.endsWith("=") && encoding != SignatureEncoding.HEX) {
            try {
                byte[] mac = Base64.getDecoder().decode(value);
                if (mac.length == HmacKey.MAC_LENGTH) {
                    return mac;
                }
            } catch (IllegalArgumentException notBase64) {
                // falls through to MALFORMED
            }
        }
        throw new SignatureException(Failure.MALFORMED);
    }
}
