package io.github.gmecallback.console;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The console's sessions: the log-out, and the session cookie's {@code Secure} flag over HTTPS.
 *
 * <p>What holds, and who makes it hold, on each server:
 * <table>
 * <caption>The session cookie of the console</caption>
 * <tr><th>what</th><th>WildFly (Undertow, Elytron)</th><th>Payara (Catalina)</th></tr>
 * <tr><td>{@code HttpOnly}</td><td colspan="2">the {@code <session-config>} of our WAR's
 *     {@code web.xml}; embedded, the host's</td></tr>
 * <tr><td>carried by cookie only, never {@code ;jsessionid=}</td><td>the same
 *     {@code <tracking-mode>COOKIE}</td><td>not the tracking mode: the server takes an id from a
 *     URL whatever it says, so the console refuses a request whose session came that way
 *     ({@link #fromUrl})</td></tr>
 * <tr><td>{@code Secure} over HTTPS</td><td>only where configured: this class sends the cookie
 *     again, {@code Secure}, on the console's first answer over HTTPS for each session id (and on
 *     our login page); the login's own redirect, which the server answers, still carries it
 *     without</td><td>the server itself, for every request over HTTPS (this class sends the same
 *     cookie once more, which changes nothing)</td></tr>
 * <tr><td>a new session id at login</td><td>the FORM mechanism</td><td>the FORM mechanism</td></tr>
 * </table>
 * Neither server is asked to mark the cookie {@code Secure} always: a login over plain HTTP (on
 * loopback, say) would then never get its session back. The console changes no session id
 * itself: both servers' FORM logins do, and a second change would race the requests a page makes
 * at once (its stylesheet), logging the operator out.
 */
final class ConsoleSessions {

    /** The session id the console last sent a {@code Secure} cookie for, in that session. */
    private static final String SECURE_FOR = "io.github.gmecallback.console.secure-cookie";

    private ConsoleSessions() {
    }

    /**
     * Over HTTPS, sends the session cookie {@code Secure} and {@code HttpOnly} where the server
     * does not already say {@code Secure}, once per session id.
     *
     * @param request  the request, over any scheme
     * @param response its response, not yet committed
     * @param session  the request's session, or {@code null}
     */
    static void secureCookie(HttpServletRequest request, HttpServletResponse response, HttpSession session) {
        if (session == null || !request.isSecure()) {
            return;
        }
        ServletContext context = request.getServletContext();
        SessionCookieConfig config = context.getSessionCookieConfig();
        if (config.isSecure() || !context.getEffectiveSessionTrackingModes().contains(SessionTrackingMode.COOKIE)) {
            return;
        }
        String id = session.getId();
        if (id.equals(session.getAttribute(SECURE_FOR))) {
            return;
        }
        Cookie cookie = new Cookie(config.getName() == null ? "JSESSIONID" : config.getName(), id);
        // The server's own cookie's path and domain: the same cookie, which the browser replaces.
        cookie.setPath(config.getPath() != null ? config.getPath()
                : context.getContextPath().isEmpty() ? "/" : context.getContextPath());
        if (config.getDomain() != null) {
            cookie.setDomain(config.getDomain());
        }
        if (config.getMaxAge() >= 0) {
            cookie.setMaxAge(config.getMaxAge());
        }
        cookie.setHttpOnly(true);
        cookie.setSecure(true);
        response.addCookie(cookie);
        session.setAttribute(SECURE_FOR, id);
    }

    /**
     * Whether the request's session came by {@code ;jsessionid=} in its URL where the module
     * tracks sessions by cookie only (Payara still honours such an id): a leaked link must not be
     * an operator's session.
     *
     * @param request the request
     * @return {@code true} when the console must not serve it
     */
    static boolean fromUrl(HttpServletRequest request) {
        return request.isRequestedSessionIdFromURL()
                && !request.getServletContext().getEffectiveSessionTrackingModes().contains(SessionTrackingMode.URL);
    }

    /**
     * Logs the operator out: the server forgets the login ({@link HttpServletRequest#logout()}),
     * the session ends with its CSRF token, and the browser is sent to the console's start, where
     * a FORM login asks for the login again. Where the host's login is BASIC, the browser sends
     * its credentials again unasked, and the next request starts another session.
     *
     * @param request  the log-out's request, its token and origin checked
     * @param response its response
     * @param base     the console's path, with a trailing slash
     * @throws ServletException if the server could not log the user out (the session ends anyway)
     */
    static void logOut(HttpServletRequest request, HttpServletResponse response, String base) throws ServletException {
        try {
            request.logout();
        } finally {
            HttpSession session = request.getSession(false);
            if (session != null) {
                try {
                    session.invalidate();
                } catch (IllegalStateException endedMeanwhile) {
                    // the server ended it with the login
                }
            }
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", base);
    }
}
