package io.github.gmecallback.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.binding.CallbackBinding;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.signature.CallbackSigner;
import io.github.gmecallback.signature.HmacKey;
import io.github.gmecallback.signature.KeyRing;
import io.github.gmecallback.signature.SignatureEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JournalSignaturesTest {

    private static final String KEY = "journal-key";
    private static final String ROTATED_OUT = "rotated-out-key";
    private final CallbackBinding binding = new CallbackBinding(true);

    @AfterEach
    void close() {
        binding.close();
    }

    private JournalSignatures withKeys(String... keys) {
        return new JournalSignatures(new KeyRing(List.of(keys).stream().map(HmacKey::of).toList(), Map.of()),
                SignatureEncoding.AUTO, binding.claimedBizId());
    }

    private static JournalEntry entry(byte[] body, String signature) {
        return new JournalEntry(9, Instant.now(), "10.0.0.1", Samples.BIZ_ID, Samples.TASK_ID, 1, "999", 3, 0, "100",
                body, Outcome.PENDING, 0, null, true, signature, null, null);
    }

    @Test
    void anEntryAsReceivedVerifies() {
        byte[] body = Samples.callback(Samples.TASK_ID, 3).getBytes(StandardCharsets.UTF_8);
        withKeys(KEY).require(entry(body, CallbackSigner.base64(body, KEY)));
    }

    @Test
    void aRowWrittenByHandChangedOrSignedByARemovedKeyIsRefusedWithItsReason() {
        byte[] body = Samples.callback(Samples.TASK_ID, 3).getBytes(StandardCharsets.UTF_8);
        JournalSignatures signatures = withKeys(KEY);

        String unsigned = assertThrows(IllegalStateException.class, () -> signatures.require(entry(body, null)))
                .getMessage();
        assertEquals("entry 9 has no Signature journaled with it (an earlier version journaled it, or it was "
                + "written by hand), so it is not trusted", unsigned);

        byte[] changed = Samples.callback(Samples.TASK_ID + 1, 3).getBytes(StandardCharsets.UTF_8);
        assertEquals("entry 9 does not verify with the keys configured now (Signature does not match the body)",
                signatures.failure(entry(changed, CallbackSigner.base64(body, KEY))).orElseThrow());

        assertTrue(signatures.failure(entry(body, CallbackSigner.base64(body, ROTATED_OUT))).isPresent(),
                "signed by a key that is no longer configured");
        assertTrue(withKeys(KEY, ROTATED_OUT).failure(entry(body, CallbackSigner.base64(body, ROTATED_OUT))).isEmpty(),
                "while the rotated-out key is still configured, its entries verify");
        assertTrue(signatures.failure(entry(body, "not a signature")).isPresent());
    }
}
