package io.github.gmecallback.delivery;

import io.github.gmecallback.binding.ClaimedBizId;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.signature.KeyRing;
import io.github.gmecallback.signature.SignatureEncoding;
import io.github.gmecallback.signature.SignatureException;
import io.github.gmecallback.signature.SignatureVerifier;
import java.util.Optional;

/**
 * A journaled entry is trusted only as far as its signature. The journal keeps the
 * {@code Signature} header with the bytes it verified, and every dispatch from the journal (an
 * {@code inbox} attempt, a replay) verifies them again, as the filter did, with the keys
 * configured now. So a row written by hand or changed in the table (an SQL injection anywhere in
 * the application that shares the datasource, say) reaches no observer, and neither does one
 * signed by a key removed since: keep a rotated-out key configured for as long as its entries may
 * need replaying.
 */
public final class JournalSignatures {

    private final KeyRing keys;
    private final SignatureVerifier verifier;
    private final ClaimedBizId claimedBizId;

    /**
     * The check with the application's keys.
     *
     * @param keys         the keys configured now
     * @param encoding     the signature encoding configured
     * @param claimedBizId reads the BizID the keys are chosen for, as the filter does
     */
    public JournalSignatures(KeyRing keys, SignatureEncoding encoding, ClaimedBizId claimedBizId) {
        this.keys = keys;
        this.verifier = new SignatureVerifier(encoding);
        this.claimedBizId = claimedBizId;
    }

    /**
     * Why an entry may not be dispatched from the journal, if it may not.
     *
     * @param entry the journaled entry
     * @return the reason, for the operator; empty when its signature holds
     */
    Optional<String> failure(JournalEntry entry) {
        if (entry.signature() == null) {
            return Optional.of("entry " + entry.id() + " has no Signature journaled with it (an earlier version "
                    + "journaled it, or it was written by hand), so it is not trusted");
        }
        byte[] body = entry.body();
        try {
            verifier.verify(body, entry.signature(), keys.keysFor(claimedBizId.of(body)));
            return Optional.empty();
        } catch (SignatureException e) {
            return Optional.of("entry " + entry.id() + " does not verify with the keys configured now ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Refuses an entry whose signature does not hold.
     *
     * @param entry the journaled entry
     * @throws IllegalStateException naming the reason, when it does not
     */
    void require(JournalEntry entry) {
        Optional<String> failure = failure(entry);
        if (failure.isPresent()) {
            throw new IllegalStateException(failure.get());
        }
    }
}
