package io.github.gmecallback.binding;

import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The application's JSON machinery, made once: the server's JSON-P parsers and JSON-B (Yasson on
 * WildFly and Payara), and the readers built on them.
 */
public final class CallbackBinding implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private final Jsonb jsonb;
    private final ClaimedBizId claimedBizId;
    private final ReadableMembers readableMembers;
    private final CallbackReader reader;

    /**
     * The readers.
     *
     * @param timestampRequired whether {@code Timestamp} is required (while the replay window is on)
     */
    public CallbackBinding(boolean timestampRequired) {
        var parsers = JsonProvider.provider().createParserFactory(Map.of());
        jsonb = CallbackReader.jsonb();
        claimedBizId = new ClaimedBizId(parsers);
        readableMembers = new ReadableMembers(parsers);
        reader = new CallbackReader(parsers, jsonb, timestampRequired);
    }

    /** Releases JSON-B, as the application stops. */
    @Override
    public void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // Nothing is left to release at undeployment that the server would not reclaim.
            LOG.fine(() -> "closing JSON-B: " + e);
        }
    }

    /**
     * Reads the BizID an unverified body claims.
     *
     * @return the reader
     */
    public ClaimedBizId claimedBizId() {
        return claimedBizId;
    }

    /**
     * Reads what a verified body that does not bind still tells of itself, for its refusal.
     *
     * @return the reader
     */
    public ReadableMembers readableMembers() {
        return readableMembers;
    }

    /**
     * Reads a verified body into a callback.
     *
     * @return the reader
     */
    public CallbackReader reader() {
        return reader;
    }
}
