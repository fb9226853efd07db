package io.github.gmecallback.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's {@link CallbackSettings}, read once from MicroProfile Config and shared by
 * every part of the receiver.
 *
 * <p>The deployment has validated the same values before the first request (see
 * {@code ReceiverInitializer}), so reading them here cannot fail for a running receiver.
 */
@ApplicationScoped
public class CallbackConfiguration {

    private CallbackSettings settings;

    @PostConstruct
    void read() {
        settings = CallbackSettings.from(ConfigProvider.getConfig());
    }

    /**
     * The settings.
     *
     * @return the validated, immutable settings
     */
    public CallbackSettings settings() {
        return settings;
    }
}
