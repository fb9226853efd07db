package io.github.gmecallback.web;

import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.DedupeSettings;
import io.github.gmecallback.config.InvalidSettingException;
import io.github.gmecallback.console.ConsoleServlet;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sets the receiver up in the web module that hosts it, when the application is deployed:
 * validates the configuration (a bad value fails the deployment, naming the key) and registers
 * {@link SignatureFilter} and {@link RecordingCallbackServlet} at {@code gme.callback.path}.
 *
 * <p>A web module hosts the receiver when the classes jar is in its own {@code WEB-INF/lib}, or
 * when it sets the context parameter {@value #HOST_PARAMETER} to {@code true} (for the jar in an
 * EAR's {@code lib/}, which every web module of the EAR sees). A module whose {@code web.xml}
 * already maps the servlet, as our WAR's does, keeps its own mapping.
 */
public class ReceiverInitializer implements ServletContainerInitializer {

    /** The context parameter by which a web module of an EAR asks for the endpoint. */
    public static final String HOST_PARAMETER = "io.github.gmecallback.host";

    /**
     * The context parameter by which a web module turns the operator console on by default (our
     * WAR does); {@code gme.callback.console.enabled} decides where it is set.
     */
    public static final String CONSOLE_PARAMETER = "io.github.gmecallback.console";
    /** The role whose users reach the operator console. */
    public static final String OPERATOR_ROLE = "gme-operator";

    static final String SERVLET_NAME = "gme-recording-callback";
    static final String CONSOLE_NAME = "gme-recording-callback-console";
    static final String FILTER_NAME = "gme-recording-callback-signature";

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        if (!hosts(context)) {
            return;
        }
        CallbackSettings settings;
        try {
            settings = CallbackSettings.from(ConfigProvider.getConfig(context.getClassLoader()));
        } catch (InvalidSettingException e) {
            LOG.severe(e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
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
        if (settings.delivery().inbox()) {
            context.addListener(InboxStorageCheck.class);
        }
        if (settings.console().enabled().orElse(Boolean.parseBoolean(context.getInitParameter(CONSOLE_PARAMETER)))) {
            registerConsole(context, settings.console().path());
        }
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

    /**
     * Registers the operator console at {@code path}, reachable only in the role
     * {@value #OPERATOR_ROLE}; the module's login configuration authenticates.
     */
    private static void registerConsole(ServletContext context, String path) throws ServletException {
        ServletRegistration.Dynamic console = context.addServlet(CONSOLE_NAME, ConsoleServlet.class);
        if (console == null) {
            throw new ServletException("this web module already has a servlet named " + CONSOLE_NAME);
        }
        if (!console.addMapping(path + "/*").isEmpty()) {
            throw new ServletException("Invalid configuration " + CallbackSettings.CONSOLE_PATH + ": " + path
                    + " is already mapped in this web module; choose another path");
        }
        context.declareRoles(OPERATOR_ROLE);
        console.setServletSecurity(new ServletSecurityElement(
                new HttpConstraintElement(ServletSecurity.TransportGuarantee.NONE, OPERATOR_ROLE)));
        LOG.info(() -> "the operator console is served at " + context.getContextPath() + path + "/ to users in the role "
                + OPERATOR_ROLE);
    }

    private static boolean hosts(ServletContext context) {
        // Classes in the module's own WEB-INF/lib share its class loader; an EAR's lib/ does not.
        return ReceiverInitializer.class.getClassLoader() == context.getClassLoader()
                || Boolean.parseBoolean(context.getInitParameter(HOST_PARAMETER));
    }

    private static boolean declaresServlet(ServletContext context) {
        return context.getServletRegistrations().values().stream()
                .anyMatch(r -> RecordingCallbackServlet.class.getName().equals(r.getClassName()));
    }
}
