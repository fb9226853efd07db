package io.github.gmecallback.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Finds the application's {@code OpenTelemetry} bean. Loaded by name only where the API is
 * there ({@link Telemetries}).
 */
final class OtelSupport {

    private OtelSupport() {
    }

    /**
     * The tracing and, where wanted, the metrics of the application's {@code OpenTelemetry}.
     *
     * @param metrics whether to take its meter too (not where MicroProfile Metrics reports them)
     * @return both, or {@code null} where no bean resolves, or it is disabled
     *         ({@code otel.sdk.disabled=true}: the specification's default, which Payara keeps;
     *         WildFly's subsystem turns it on)
     */
    static Telemetries.Found find(boolean metrics) {
        Instance<OpenTelemetry> bean = CDI.current().select(OpenTelemetry.class);
        if (!bean.isResolvable()) {
            return null;
        }
        OpenTelemetry openTelemetry = bean.get();
        OtelTracing tracing = new OtelTracing(openTelemetry);
        if (!tracing.enabled()) {
            return null;
        }
        return new Telemetries.Found(metrics ? new OtelMetrics(openTelemetry) : null, tracing);
    }
}
