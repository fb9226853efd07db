package io.github.gmecallback.console;

import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.HostModule;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Registers the operator console in the web module that hosts the receiver, when it is on:
 * {@code gme.callback.console.enabled}, or by default where the module sets the context parameter
 * {@value #CONSOLE_PARAMETER} (our WAR does). It is served at {@code gme.callback.console.path},
 * reachable only in the role {@value #OPERATOR_ROLE}; the module's login configuration
 * authenticates.
 */
public class ConsoleInitializer implements ServletContainerInitializer {

    /**
     * The context parameter by which a web module turns the operator console on by default (our
     * WAR does); {@code gme.callback.console.enabled} decides where it is set.
     */
    public static final String CONSOLE_PARAMETER = "io.github.gmecallback.console";
    /** The role whose users reach the operator console. */
    public static final String OPERATOR_ROLE = "gme-operator";

    static final String CONSOLE_NAME = "gme-recording-callback-console";

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        Optional<CallbackSettings> hosted = HostModule.ofHost(context);
        if (hosted.isEmpty()) {
            return;
        }
        CallbackSettings settings = hosted.get();
        if (!settings.console().enabled().orElse(Boolean.parseBoolean(context.getInitParameter(CONSOLE_PARAMETER)))) {
            return;
        }
        String path = settings.console().path();
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
}
