package io.github.gmecallback.signature;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Which keys may have signed a callback, chosen by the BizID it claims.
 *
 * <p>GME gives each application (BizID) its own permission key. An application with keys of
 * its own ({@code gme.callback.secret-key.<BizID>}) is verified against only those, so a body
 * signed with app A's key cannot pass as app B's. Every other claim, including none, gets the
 * default keys ({@code gme.callback.secret-key}). Several keys per entry allow rotation: any of
 * them is accepted.
 *
 * @param defaultKeys keys for every BizID without keys of its own; may be empty
 * @param keysByBizId keys per BizID; no list is empty
 */
public record KeyRing(List<HmacKey> defaultKeys, Map<Long, List<HmacKey>> keysByBizId) {

    /**
     * Copies both collections, so the ring cannot change after it is built.
     *
     * @param defaultKeys keys for every BizID without keys of its own
     * @param keysByBizId keys per BizID
     */
    public KeyRing {
        defaultKeys = List.copyOf(defaultKeys);
        keysByBizId = Map.copyOf(keysByBizId);
        if (keysByBizId.values().stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a BizID's key list must not be empty");
        }
    }

    /**
     * Whether any key is configured at all; without one the receiver refuses everything.
     *
     * @return {@code true} when at least one key exists
     */
    public boolean isEmpty() {
        return defaultKeys.isEmpty() && keysByBizId.isEmpty();
    }

    /**
     * The keys to verify a callback with.
     *
     * @param claimedBizId the first top-level {@code BizID} of the unverified body, when it is an
     *                     integer
     * @return that BizID's own keys if it has some, else the default keys (possibly none)
     */
    public List<HmacKey> keysFor(OptionalLong claimedBizId) {
        if (claimedBizId.isPresent()) {
            List<HmacKey> own = keysByBizId.get(claimedBizId.getAsLong());
            if (own != null) {
                return own;
            }
        }
        return defaultKeys;
    }
}
