package io.github.gmecallback.binding;

import io.github.gmecallback.config.CallbackConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import java.util.Map;

/**
 * The application's JSON machinery, created once: the server's JSON-P parsers and JSON-B
 * (Yasson on WildFly and Payara), and the readers built on them.
 */
@ApplicationScoped
public class CallbackBinding {

    @Inject
    CallbackConfiguration configuration;

    private Jsonb jsonb;
    private ClaimedBizId claimedBizId;
    private ReadableMembers readableMembers;
    private CallbackReader reader;

    @PostConstruct
    void create() {
        var parsers = JsonProvider.provider().createParserFactory(Map.of());
        jsonb = CallbackReader.jsonb();
        claimedBizId = new ClaimedBizId(parsers);
        readableMembers = new ReadableMembers(parsers);
        // Timestamp is required while the replay window needs it.
        reader = new CallbackReader(parsers, jsonb, configuration.settings().window().isOn());
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // Nothing is left to release at undeployment that the server would not reclaim.
            java.util.logging.Logger.getLogger(CallbackBinding.class.getName()).fine(() -> "closing JSON-B: " + e);
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
