package io.github.gmecallback.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Finds the application's {@code OpenTelemetry} bean, where the application turned it on. Loaded by name only where the API is
 * there ({@link Telemetries}).
 */
final class OtelSupport {

    private OtelSupport() {
    }

    /**
     * Whether the application turned OpenTelemetry on: {@code otel.sdk.disabled=false} in its
     * MicroProfile Config, as MicroProfile Telemetry wants it (off unless said), on WildFly and on
     * Payara Server alike.
     *
     * @param config the application's configuration
     * @return {@code true} only where it says {@code false} explicitly
     */
    static boolean enabled(Config config) {
        return !config.getOptionalValue("otel.sdk.disabled", Boolean.class).orElse(true);
    }

    /**
     * The tracing and, where wanted, the metrics of the application's {@code OpenTelemetry}.
     *
     * @param metrics whether to take its meter too (not where MicroProfile Metrics reports them)
     * @return both, or {@code null} where no bean resolves, or it is disabled
     */
    static Telemetries.Found find(boolean metrics) {
        // Asked of the configuration, not of the bean: a disabled SDK on both servers still hands
        // out valid, recording spans that go nowhere, which would cost every request for nothing.
        if (!enabled(ConfigProvider.getConfig())) {
            return null;
        }
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
