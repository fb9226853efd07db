package io.github.gmecallback.web;

import io.github.gmecallback.recording.RecordingCallback;
import java.util.OptionalLong;

/**
 * A body whose signature held, handed from the filter to the servlet as a request attribute.
 *
 * @param bytes        the body exactly as received and verified
 * @param claimedBizId the BizID whose keys verified it; empty when the default keys were chosen
 *                     because the body claimed no integer BizID
 * @param signature    the {@code Signature} header that verified it, journaled with it
 */
record VerifiedBody(byte[] bytes, OptionalLong claimedBizId, String signature) {

    /** The request attribute that carries it. */
    static final String ATTRIBUTE = VerifiedBody.class.getName();

    /**
     * Whether the bound callback is the BizID the keys were chosen for. A body whose parts
     * disagree (say, two {@code BizID} members) is refused before this, so a {@code false} here
     * means the strict check has a gap: then the callback is refused rather than trusted.
     *
     * @param callback the bound callback
     * @return {@code true} when its BizID is the one verified
     */
    boolean verifiedFor(RecordingCallback callback) {
        return claimedBizId.isPresent() && claimedBizId.getAsLong() == callback.bizId();
    }
}
