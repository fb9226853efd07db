package io.github.gmecallback.signature;

/**
 * How the MAC in the {@code Signature} header is written.
 *
 * <p>GME's page does not say; Tencent's other callbacks use base64, so {@link #AUTO} accepts
 * base64 and also hex in either case. The two forms of a 20-byte HMAC-SHA1 never overlap: base64
 * is 28 characters ending in {@code =}, hex is 40.
 */
public enum SignatureEncoding {

    /** Base64 (standard alphabet, padded) or hex, whichever the header is. */
    AUTO,
    /** Only standard, padded base64. */
    BASE64,
    /** Only hex, upper or lower case. */
    HEX;
}
