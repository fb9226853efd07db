/**
 * The {@code Signature} header of GME callbacks, in plain Java (JDK only): no servlet, no CDI.
 *
 * <p>GME signs each callback as {@code HMAC-SHA1(body, SecretKey)}, where the body is the raw
 * bytes it posts and the key is the application's permission key from the GME console.
 * {@link io.github.gmecallback.signature.SignatureVerifier} checks a header against those
 * exact bytes, in constant time, against every key a {@link io.github.gmecallback.signature.KeyRing}
 * chooses for the claimed BizID (several keys make rotation possible).
 * {@link io.github.gmecallback.signature.CallbackSigner} makes the header, for tests and tools.
 */
package io.github.gmecallback.signature;
