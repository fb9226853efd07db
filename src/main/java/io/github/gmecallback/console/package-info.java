/**
 * The operator console: server-rendered pages ({@link io.github.gmecallback.console.ConsolePages},
 * templates filled by {@link io.github.gmecallback.console.Html}, which escapes every value) and a
 * JSON API ({@link io.github.gmecallback.console.ConsoleApi}) over
 * {@link io.github.gmecallback.journal.CallbackJournal}, routed by
 * {@link io.github.gmecallback.console.ConsoleServlet} and registered by
 * {@link io.github.gmecallback.console.ConsoleInitializer}; only users in the role
 * {@code gme-operator} get in, and every change needs the session's CSRF token and a same-origin
 * {@code Origin} ({@link io.github.gmecallback.console.ConsoleGuard}), the log-out included
 * ({@link io.github.gmecallback.console.ConsoleSessions}, which also says what keeps the session
 * cookie {@code HttpOnly} and {@code Secure} on each server). Not part of the public API.
 */
package io.github.gmecallback.console;
