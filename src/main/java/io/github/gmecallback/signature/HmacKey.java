package io.github.gmecallback.signature;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One secret key, ready to compute HMAC-SHA1. Its {@link #toString()} never shows the key.
 *
 * <p>The key is initialised once; each computation works on a clone of that prototype, which is
 * cheaper than a fresh {@link Mac#getInstance(String)} and {@code init} and makes the key safe
 * to share between threads.
 */
public final class HmacKey {

    /** The JCA name of GME's signature algorithm. */
    public static final String ALGORITHM = "HmacSHA1";

    /** Bytes in an HMAC-SHA1. */
    public static final int MAC_LENGTH = 20;

    private final SecretKeySpec spec;
    private final Mac prototype;

    private HmacKey(SecretKeySpec spec) {
        this.spec = spec;
        this.prototype = newMac(spec);
    }

    /**
     * A key as the GME console shows it: its characters, signed as UTF-8 bytes.
     *
     * @param secret the application's permission key; not empty
     * @return the key
     * @throws IllegalArgumentException if {@code secret} is empty
     */
    public static HmacKey of(String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a secret key must not be empty");
        }
        return new HmacKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
    }

    /**
     * The HMAC-SHA1 of some bytes under this key.
     *
     * @param bytes what to sign, exactly as sent
     * @return the 20-byte MAC
     */
    public byte[] mac(byte[] bytes) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            // Every JDK provider of HmacSHA1 clones; a provider that does not still works.
            mac = newMac(spec);
        }
        return mac.doFinal(bytes);
    }

    private static Mac newMac(SecretKeySpec spec) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(spec);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java runtime must provide HmacSHA1 (java.security standard names).
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "HmacKey[secret hidden]";
    }
}
