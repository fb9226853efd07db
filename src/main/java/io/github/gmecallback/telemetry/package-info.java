/**
 * The receiver's metrics and traces, reported through what the server provides: MicroProfile
 * Metrics where it has that (Payara Server), else OpenTelemetry's meter (WildFly's
 * {@code opentelemetry} subsystem); traces through OpenTelemetry wherever an
 * {@code OpenTelemetry} bean resolves and the application turned it on ({@code otel.sdk.disabled=false}).
 *
 * <p>{@link Telemetries#select()} chooses once, as the receiver starts. Its implementations of
 * {@link Metrics} and {@link Tracing} that name a server API are loaded by name only where that
 * API is there: on a server with neither, the receiver runs with {@link Telemetry#NONE}, whose
 * every call is an empty method on shared objects, and loads no class that names either API.
 *
 * <p>What is measured, and why where:
 * <ul>
 * <li>{@code gme.callback.requests} and {@code gme.callback.request.duration}: once per
 *     callback request, when it is answered ({@link RequestTelemetry}), by its
 *     {@link RequestOutcome};</li>
 * <li>{@code gme.callback.inbox.pending}, {@code gme.callback.inbox.oldest.age} and
 *     {@code gme.callback.recordings.overdue}: gauges over {@link Figures}, which the inbox
 *     sweep and the overdue sweep refresh after each of their runs, so a scrape reads two
 *     fields and never a table;</li>
 * <li>{@code gme.callback.inbox.dead}: when an inbox entry is given up on.</li>
 * </ul>
 * No attribute ever holds a key, a signature, a body, a TaskID or a UserID (the last two are on
 * spans only, where they identify one callback).
 */
package io.github.gmecallback.telemetry;
