package io.github.gmecallback.config;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The web module that hosts the receiver, and the settings it is configured with there, read
 * once per module: the receiver's initializers and its start-up share them through a context
 * attribute.
 *
 * <p>A web module hosts the receiver when the classes jar is in its own {@code WEB-INF/lib}, or
 * when it sets the context parameter {@value #HOST_PARAMETER} to {@code true} (for the jar in an
 * EAR's {@code lib/}, which every web module of the EAR sees).
 */
public final class HostModule {

    /** The context parameter by which a web module of an EAR asks for the endpoint. */
    public static final String HOST_PARAMETER = "io.github.gmecallback.host";

    private static final String ATTRIBUTE = CallbackSettings.class.getName();
    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private HostModule() {
    }

    /**
     * Whether this web module hosts the receiver.
     *
     * @param context the module's context
     * @return {@code true} where the endpoint belongs
     */
    public static boolean hosts(ServletContext context) {
        // Classes in the module's own WEB-INF/lib share its class loader; an EAR's lib/ does not.
        return HostModule.class.getClassLoader() == context.getClassLoader()
                || Boolean.parseBoolean(context.getInitParameter(HOST_PARAMETER));
    }

    /**
     * The settings of a module that hosts the receiver, for the receiver's initializers.
     *
     * @param context the module's context
     * @return the settings; empty where the module does not host the receiver
     * @throws ServletException failing the deployment where a value is invalid (logged once, at
     *                          SEVERE, naming every invalid key)
     */
    public static Optional<CallbackSettings> ofHost(ServletContext context) throws ServletException {
        if (!hosts(context)) {
            return Optional.empty();
        }
        try {
            return Optional.of(settings(context));
        } catch (InvalidSettingException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }

    /**
     * The module's settings, read from MicroProfile Config at the first call and kept with the
     * module; an invalid configuration is logged at SEVERE once, and refused at every call.
     *
     * @param context the module's context
     * @return the settings
     * @throws InvalidSettingException naming every invalid key
     */
    public static CallbackSettings settings(ServletContext context) {
        Object read = context.getAttribute(ATTRIBUTE);
        if (read == null) {
            try {
                read = CallbackSettings.from(ConfigProvider.getConfig(context.getClassLoader()));
            } catch (InvalidSettingException e) {
                LOG.severe(e.getMessage());
                read = e;
            }
            context.setAttribute(ATTRIBUTE, read);
        }
        if (read instanceof InvalidSettingException invalid) {
            throw invalid;
        }
        return (CallbackSettings) read;
    }
}
