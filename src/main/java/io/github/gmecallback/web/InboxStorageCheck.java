package io.github.gmecallback.web;

import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.InvalidSettingException;
import io.github.gmecallback.journal.Journal;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fails the deployment of an {@code inbox} receiver whose journal would be an in-memory database.
 * A listener rather than the servlet's {@code init}: both servers fail a deployment whose
 * listener throws, while WildFly deploys an application whose load-on-startup servlet failed.
 * {@link ReceiverInitializer} registers it where {@code gme.callback.delivery=inbox}.
 */
public class InboxStorageCheck implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    @Override
    public void contextInitialized(ServletContextEvent event) {
        CallbackSettings settings = CallbackSettings.from(ConfigProvider.getConfig(
                event.getServletContext().getClassLoader()));
        try {
            Journal.requireDurable(settings.journal());
        } catch (InvalidSettingException e) {
            LOG.severe(e.getMessage());
            throw e;
        }
    }
}
