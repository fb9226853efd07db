package io.github.gmecallback.binding;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Map;

/**
 * The application's JSON machinery, created once: the server's JSON-P parsers and JSON-B
 * (Yasson on WildFly and Payara), and the readers built on them.
 */
@ApplicationScoped
public class CallbackBinding {

    private Jsonb jsonb;
    private ClaimedBizId claimedBizId;
    private CallbackReader reader;

    @PostConstruct
    void create() {
        var parsers = JsonProvider.provider().createParserFactory(Map.of());
        jsonb = JsonbBuilder.create();
        claimedBizId = new ClaimedBizId(parsers);
        // The replay window (and with it an optional Timestamp) is not configurable yet.
        reader = new CallbackReader(parsers, jsonb, true);
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
     * Reads a verified body into a callback.
     *
     * @return the reader
     */
    public CallbackReader reader() {
        return reader;
    }
}
