package io.github.gmecallback.signature;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes the {@code Signature} header GME would send for a body: for your own tests of
 * observers, and for tools that post callbacks.
 *
 * <pre>{@code
 * byte[] body = Files.readAllBytes(Path.of("callback.json"));
 * HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:8080/gme/recording-callback"))
 *         .header("Signature", CallbackSigner.base64(body, secretKey))
 *         .POST(HttpRequest.BodyPublishers.ofByteArray(body))
 *         .build();
 * }</pre>
 *
 * <p>Sign the bytes you send: a signature over a {@code String} that is encoded again on the
 * way out need not match.
 */
public final class CallbackSigner {

    private CallbackSigner() {
    }

    /**
     * The header in base64, the form GME uses.
     *
     * @param body      the exact bytes to send
     * @param secretKey the application's permission key
     * @return {@code base64(HMAC-SHA1(body, secretKey))}
     */
    public static String base64(byte[] body, String secretKey) {
        return Base64.getEncoder().encodeToString(HmacKey.of(secretKey).mac(body));
    }

    /**
     * The header in lower-case hex, also accepted by the receiver (unless configured otherwise).
     *
     * @param body      the exact bytes to send
     * @param secretKey the application's permission key
     * @return {@code hex(HMAC-SHA1(body, secretKey))}
     */
    public static String hex(byte[] body, String secretKey) {
        return HexFormat.of().formatHex(HmacKey.of(secretKey).mac(body));
    }

    /**
     * The header in base64 for a body given as text, encoded as UTF-8 as GME sends it.
     *
     * @param json      the body's text
     * @param secretKey the application's permission key
     * @return {@code base64(HMAC-SHA1(utf8(json), secretKey))}
     */
    public static String base64(String json, String secretKey) {
        return base64(json.getBytes(StandardCharsets.UTF_8), secretKey);
    }
}
