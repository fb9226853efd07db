package io.github.gmecallback.health;

import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.DispatchState;
import io.github.gmecallback.receiver.Receiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
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
 * <p>The endpoint needs no login, so the check costs the database nothing per call and tells
 * nothing about people: it answers the state found by the last probe of the stores, made at most
 * every {@link CachedReadiness#FRESH_FOR 5 s}, one at a time, whatever the request rate (the data's
 * {@code checked-at} says when); a paused {@code inbox} dispatch shows since when, not who paused
 * it (the console, behind its login, does).
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

    private CachedReadiness readiness;

    @Override
    public HealthCheckResponse call() {
        return readiness().current().response(NAME);
    }

    private synchronized CachedReadiness readiness() {
        if (readiness == null) {
            Executor scheduler = receiver.scheduler();
            // Without the server's executor a stale state is probed on the call that finds it.
            readiness = new CachedReadiness(this::probe, scheduler == null ? Runnable::run : scheduler,
                    System::nanoTime);
        }
        return readiness;
    }

    /** The verdict of the key and the stores now, with when it was found. */
    private Verdict probe() {
        return stores().with("checked-at", Instant.now().toString());
    }

    /** Asks the key and each store in turn; the first that fails is the reason. */
    private Verdict stores() {
        CallbackSettings settings = receiver.settings();
        if (!settings.hasKeys()) {
            return Verdict.down("no secret key is configured (" + CallbackSettings.SECRET_KEY
                    + "); every callback is answered 503");
        }
        try {
            receiver.dedupe().ping();
        } catch (StoreUnavailableException e) {
            return unavailable("the dedupe store", e);
        }
        try {
            receiver.journal().ping();
        } catch (StoreUnavailableException e) {
            return unavailable("the journal store", e);
        }
        try {
            receiver.ledger().ping();
        } catch (StoreUnavailableException e) {
            return unavailable("the recording ledger", e);
        }
        DispatchState dispatch;
        try {
            dispatch = receiver.delivery().dispatchState();
        } catch (StoreUnavailableException e) {
            return unavailable("the journal store", e);
        }
        Map<String, String> data = new LinkedHashMap<>();
        // Paused is an operator's decision, not a fault: still UP, and said so, with since when.
        data.put("dispatch", dispatch.paused() ? "paused" : "running");
        if (dispatch.paused()) {
            data.put("dispatch-paused-since", String.valueOf(dispatch.changed()));
        }
        data.put("dedupe", settings.dedupe().store().name().toLowerCase(Locale.ROOT));
        data.put("journal", settings.journal().store().name().toLowerCase(Locale.ROOT));
        data.put("recordings", settings.recordings().store().name().toLowerCase(Locale.ROOT));
        data.put("delivery", settings.delivery().mode().name().toLowerCase(Locale.ROOT));
        return new Verdict(true, data);
    }

    private static Verdict unavailable(String store, StoreUnavailableException e) {
        LOG.fine(() -> "readiness: " + store + " does not answer: " + e);
        return Verdict.down(store + " is unavailable");
    }
}
