package io.github.gmecallback.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret key the integration tests configure and every {@code Signature} they send, so
 * that {@link SecretScanIT} can look for each of them in what the server logged.
 */
public final class Secrets {

    private static final Set<String> KEYS = ConcurrentHashMap.newKeySet();
    private static final Set<String> SIGNATURES = ConcurrentHashMap.newKeySet();

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

    static Set<String> keys() {
        return Set.copyOf(KEYS);
    }

    static Set<String> signatures() {
        return Set.copyOf(SIGNATURES);
    }
}
