package io.github.gmecallback.web;

import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.HostModule;
import io.github.gmecallback.config.InvalidSettingException;
import io.github.gmecallback.receiver.Receiver;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Logger;

/**
 * Starts the {@link Receiver} as the hosting web module starts, with that module's settings and on
 * its thread (where {@code java:comp} names its resources). A listener rather than the servlet's
 * {@code init}: both servers fail a deployment whose listener throws (an unbound datasource, an
 * {@code inbox} journal in an in-memory database), while WildFly deploys an application whose
 * load-on-startup servlet failed. {@link ReceiverInitializer} registers it.
 */
public class ReceiverStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    @Override
    public void contextInitialized(ServletContextEvent event) {
        CallbackSettings settings = HostModule.settings(event.getServletContext());
        try {
            CDI.current().select(Receiver.class).get().start(settings);
        } catch (InvalidSettingException e) {
            LOG.severe(e.getMessage());
            throw e;
        }
    }
}
