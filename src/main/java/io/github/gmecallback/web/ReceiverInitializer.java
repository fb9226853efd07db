package io.github.gmecallback.web;

import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.DedupeSettings;
import io.github.gmecallback.config.HostModule;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Sets the receiver up in the web module that hosts it ({@link HostModule#hosts}), when the
 * application is deployed: validates the configuration (a bad value fails the deployment, naming
 * every invalid key), registers {@link ReceiverStartup}, and registers {@link SignatureFilter} and
 * {@link RecordingCallbackServlet} at {@code gme.callback.path}. A module whose {@code web.xml}
 * already maps the servlet, as our WAR's does, keeps its own mapping.
 */
public class ReceiverInitializer implements ServletContainerInitializer {

    static final String SERVLET_NAME = "gme-recording-callback";
    static final String FILTER_NAME = "gme-recording-callback-signature";

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        Optional<CallbackSettings> hosted = HostModule.ofHost(context);
        if (hosted.isEmpty()) {
            return;
        }
        CallbackSettings settings = hosted.get();
        if (!settings.hasKeys()) {
            LOG.warning("no secret key is configured: every callback is answered 503 until "
                    + CallbackSettings.SECRET_KEY + " (or " + CallbackSettings.SECRET_KEY
                    + ".<BizID>) is set");
        }
        if (!settings.window().isOn() || settings.dedupe().store() == DedupeSettings.Store.NONE) {
            LOG.warning("replays of captured callbacks are no longer refused: "
                    + (settings.window().isOn() ? CallbackSettings.DEDUPE_STORE + " is none"
                            : CallbackSettings.MAX_AGE + " is 0 (the replay window is off)"));
        }
        context.addListener(ReceiverStartup.class);
        if (declaresServlet(context)) {
            return;
        }
        ServletRegistration.Dynamic servlet = context.addServlet(SERVLET_NAME, RecordingCallbackServlet.class);
        if (servlet == null) {
            throw new ServletException("this web module already has a servlet named " + SERVLET_NAME
                    + "; rename it, so that the receiver can register its own");
        }
        Set<String> taken = servlet.addMapping(settings.path());
        if (!taken.isEmpty()) {
            throw new ServletException("Invalid configuration " + CallbackSettings.PATH + ": " + settings.path()
                    + " is already mapped in this web module; choose another path");
        }
        servlet.setLoadOnStartup(1);
        servlet.setAsyncSupported(true);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, SignatureFilter.class);
        filter.setAsyncSupported(true);
        filter.addMappingForServletNames(null, false, SERVLET_NAME);
        LOG.info(() -> "GME recording callbacks are received at " + context.getContextPath() + settings.path());
    }

    private static boolean declaresServlet(ServletContext context) {
        return context.getServletRegistrations().values().stream()
                .anyMatch(r -> RecordingCallbackServlet.class.getName().equals(r.getClassName()));
    }
}
