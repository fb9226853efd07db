package io.github.gmecallback.telemetry;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses the application's {@link Telemetry}, once, as the receiver starts:
 * <ol>
 * <li>metrics: MicroProfile Metrics where its registry resolves (Payara Server), else
 *     OpenTelemetry's meter where an {@code OpenTelemetry} bean resolves and the application
 *     turned it on ({@code otel.sdk.disabled=false}: WildFly's {@code microprofile-telemetry}),
 *     else none;</li>
 * <li>traces: OpenTelemetry where a bean resolves and the application turned it on, else none.</li>
 * </ol>
 * The classes that name an API are loaded by name, and only where that API is visible to the
 * receiver's classes, so that a server without it never loads them (as the readiness check is
 * skipped where there is no MicroProfile Health). A failure to set one up is logged at WARNING
 * and leaves that part out: telemetry never stops the receiver.
 */
public final class Telemetries {

    /** The instrumentation scope of the receiver's meter and tracer. */
    static final String SCOPE = "io.github.gmecallback";

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    private static final String METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";
    private static final String OTEL_API = "io.opentelemetry.api.OpenTelemetry";

    /** What {@link OtelSupport} found. */
    record Found(Metrics metrics, Tracing tracing) {
    }

    private Telemetries() {
    }

    /**
     * The telemetry of the calling thread's application.
     *
     * @return it; {@link Telemetry#NONE} on a server with neither API
     */
    public static Telemetry select() {
        Metrics metrics = Metrics.NONE;
        Tracing tracing = Tracing.NONE;
        if (visible(METRICS_API)) {
            Optional<?> found = (Optional<?>) call("MicroProfileMetrics", "create", new Class<?>[0]);
            if (found != null && found.isPresent()) {
                metrics = (Metrics) found.get();
            }
        }
        if (visible(OTEL_API)) {
            Found found = (Found) call("OtelSupport", "find", new Class<?>[] {boolean.class},
                    metrics == Metrics.NONE);
            if (found != null) {
                tracing = found.tracing();
                if (found.metrics() != null) {
                    metrics = found.metrics();
                }
            }
        }
        Telemetry telemetry = metrics == Metrics.NONE && tracing == Tracing.NONE ? Telemetry.NONE
                : new ServerTelemetry(metrics, tracing);
        LOG.info(() -> "telemetry: " + telemetry.description());
        return telemetry;
    }

    private static boolean visible(String api) {
        try {
            Class.forName(api, false, Telemetries.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Object call(String type, String method, Class<?>[] parameters, Object... arguments) {
        try {
            return Class.forName(Telemetries.class.getPackageName() + "." + type)
                    .getDeclaredMethod(method, parameters).invoke(null, arguments);
        } catch (InvocationTargetException e) {
            LOG.log(Level.WARNING, "telemetry: " + type + " could not be set up; going on without it", e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "telemetry: " + type + " could not be set up; going on without it", e);
        }
        return null;
    }
}
