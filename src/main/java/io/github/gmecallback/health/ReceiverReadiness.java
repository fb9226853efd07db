package io.github.gmecallback.health;

import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.DispatchState;
import io.github.gmecallback.receiver.Receiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@value #NAME}, where the server provides MicroProfile Health (WildFly with
 * the {@code microprofile-health} layer, at {@code http://localhost:9990/health/ready} on its
 * management interface; Payara at {@code http://localhost:8080/health/ready}): {@code UP} when a
 * secret key is configured and the stores answer, {@code DOWN} with the {@code reason} otherwise.
 * A load balancer that routes by readiness then keeps GME's callbacks away from a server that
 * would answer them 503. The reason names what is wrong, not the database's own message, which
 * stays in the server's log at FINE.
 *
 * <p>On a server without MicroProfile Health this class cannot load and CDI skips it; the
 * receiver works the same.
 */
@Readiness
@ApplicationScoped
public class ReceiverReadiness implements HealthCheck {

    /** The check's name. */
    public static final String NAME = "gme-recording-callback";

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    @Inject
    Receiver receiver;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        CallbackSettings settings = receiver.settings();
        if (!settings.hasKeys()) {
            return response.down().withData("reason", "no secret key is configured (" + CallbackSettings.SECRET_KEY
                    + "); every callback is answered 503").build();
        }
        try {
            receiver.dedupe().ping();
        } catch (StoreUnavailableException e) {
            LOG.fine(() -> "readiness: the dedupe store does not answer: " + e);
            return response.down().withData("reason", "the dedupe store is unavailable").build();
        }
        try {
            receiver.journal().ping();
        } catch (StoreUnavailableException e) {
            LOG.fine(() -> "readiness: the journal store does not answer: " + e);
            return response.down().withData("reason", "the journal store is unavailable").build();
        }
        try {
            receiver.ledger().ping();
        } catch (StoreUnavailableException e) {
            LOG.fine(() -> "readiness: the recording ledger does not answer: " + e);
            return response.down().withData("reason", "the recording ledger is unavailable").build();
        }
        DispatchState dispatch;
        try {
            dispatch = receiver.delivery().dispatchState();
        } catch (StoreUnavailableException e) {
            LOG.fine(() -> "readiness: the inbox's dispatch state cannot be read: " + e);
            return response.down().withData("reason", "the journal store is unavailable").build();
        }
        // Paused is an operator's decision, not a fault: still UP, and said so, with by whom and since when.
        if (dispatch.paused()) {
            response.withData("dispatch-paused-by", String.valueOf(dispatch.by()))
                    .withData("dispatch-paused-since", String.valueOf(dispatch.changed()));
        }
        return response.up().withData("dispatch", dispatch.paused() ? "paused" : "running")
                .withData("dedupe", settings.dedupe().store().name().toLowerCase(Locale.ROOT))
                .withData("journal", settings.journal().store().name().toLowerCase(Locale.ROOT))
                .withData("recordings", settings.recordings().store().name().toLowerCase(Locale.ROOT))
                .withData("delivery", settings.delivery().mode().name().toLowerCase(Locale.ROOT))
                .build();
    }
}
