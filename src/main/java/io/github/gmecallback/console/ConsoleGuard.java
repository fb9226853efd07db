package io.github.gmecallback.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * The console's defences beyond the login: the headers every answer carries, and the checks every
 * state-changing request passes.
 *
 * <ul>
 * <li>A CSRF token per session, random, 256 bits: forms carry it as the field {@value #FIELD},
 *     API calls as the header {@value #HEADER}; every console answer carries the session's token in
 *     that header, so an API client reads it from its first {@code GET}.</li>
 * <li>An {@code Origin} header naming this very scheme, host and port: a browser sends it with
 *     every {@code POST}, so one from another site is refused even before its token is
 *     looked at.</li>
 * <li>{@code X-Frame-Options: DENY} and {@code Content-Security-Policy} with
 *     {@code frame-ancestors 'none'}: no page can be framed (clickjacking on the Replay button);
 *     the policy also allows no script at all and nothing from another host.</li>
 * </ul>
 */
final class ConsoleGuard {

    /** The form field of the token. */
    static final String FIELD = "csrf";
    /** The request and response header of the token. */
    static final String HEADER = "X-CSRF-Token";

    private static final String SESSION_ATTRIBUTE = "io.github.gmecallback.console.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleGuard() {
    }

    /**
     * Sets the headers of every console answer, and the session's token; over HTTPS, the session
     * cookie {@code Secure} where the server does not ({@link ConsoleSessions#secureCookie}).
     *
     * @param request  the request
     * @param response its response
     * @return the session's CSRF token
     */
    static String headers(HttpServletRequest request, HttpServletResponse response) {
        frameHeaders(response);
        HttpSession session = request.getSession(true);
        ConsoleSessions.secureCookie(request, response, session);
        String token = token(session);
        response.setHeader(HEADER, token);
        return token;
    }

    /**
     * Sets the headers of every page, the login page included, without starting a session.
     *
     * @param response the response
     */
    static void frameHeaders(HttpServletResponse response) {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
    }

    private static String token(HttpSession session) {
        synchronized (session) {
            String token = (String) session.getAttribute(SESSION_ATTRIBUTE);
            if (token == null) {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                session.setAttribute(SESSION_ATTRIBUTE, token);
            }
            return token;
        }
    }

    /**
     * Why a state-changing request is refused, or {@code null} when it may go on.
     *
     * @param request the request
     * @param sent    the token it sent (field or header), or {@code null}
     * @return the refusal's message, or {@code null}
     */
    static String refusal(HttpServletRequest request, String sent) {
        String origin = request.getHeader("Origin");
        if (origin == null || !sameOrigin(origin, request)) {
            return "a change needs an Origin header naming this console's own origin";
        }
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(SESSION_ATTRIBUTE);
        if (expected == null || sent == null || !MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                sent.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return "a change needs this session's CSRF token (the " + FIELD + " field, or the " + HEADER + " header)";
        }
        return null;
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port == request.getServerPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
