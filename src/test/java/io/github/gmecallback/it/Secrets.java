package io.github.gmecallback.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret key the integration tests configure, every {@code Signature} they send and every
 * body they send signed, so that {@link SecretScanIT} can look for each of them in what the
 * servers logged.
 */
public final class Secrets {

    private static final Set<String> KEYS = ConcurrentHashMap.newKeySet();
    private static final Set<String> SIGNATURES = ConcurrentHashMap.newKeySet();
    private static final Set<String> BODIES = ConcurrentHashMap.newKeySet();
    /** Shorter bodies are fragments that a log may hold for other reasons ({@code {}}, a number). */
    private static final int SHORTEST_BODY = 60;

    private Secrets() {
    }

    /** Registers a key a test deployment or script configures, and returns it. */
    public static String key(String key) {
        KEYS.add(key);
        return key;
    }

    /** Registers a {@code Signature} header value a test sent. */
    static void signature(String signature) {
        if (signature != null && signature.strip().length() >= 20) {
            SIGNATURES.add(signature.strip());
        }
    }

    /** Registers a body a test sent with a {@code Signature}: no log may hold it whole. */
    static void body(byte[] body) {
        if (body != null && body.length >= SHORTEST_BODY) {
            BODIES.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static Set<String> bodies() {
        return Set.copyOf(BODIES);
    }

    static Set<String> keys() {
        return Set.copyOf(KEYS);
    }

    static Set<String> signatures() {
        return Set.copyOf(SIGNATURES);
    }
}
