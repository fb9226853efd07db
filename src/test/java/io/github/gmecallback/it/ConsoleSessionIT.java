package io.github.gmecallback.it;

import static io.github.gmecallback.it.ConsoleClient.bare;
import static io.github.gmecallback.it.ConsoleClient.browser;
import static io.github.gmecallback.it.ConsoleClient.get;
import static io.github.gmecallback.it.ConsoleClient.post;
import static io.github.gmecallback.it.ConsoleClient.sessionCookies;
import static io.github.gmecallback.it.ConsoleClient.sessionId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's sessions in our WAR, on both servers, over plain HTTP: the session cookie is
 * {@code HttpOnly}, only a cookie carries the session (never {@code ;jsessionid=} in a URL), the
 * session id changes at login whatever id was planted before it, and the log-out (a POST with the
 * session's CSRF token) ends the session.
 */
@ArquillianTest
class ConsoleSessionIT {

    private static final String OPERATOR = "gme-it-session-operator";
    private static final String PASSWORD = Secrets.key("session-operator-password");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme-console-session-it.war",
                "gme.callback.secret-key=" + Secrets.key("session-secret-key"));
    }

    @BeforeAll
    static void addOperator() throws Exception {
        assertEquals(0, Operators.add(OPERATOR, PASSWORD).exitCode());
    }

    @AfterAll
    static void removeOperator() throws Exception {
        assertEquals(0, Operators.remove(OPERATOR).exitCode());
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    private String origin() {
        return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    /** The FORM login, as a browser does it: the protected page, then the form; the login's answer. */
    private HttpResponse<String> logIn(HttpClient client, String firstPath) throws Exception {
        HttpResponse<String> login = get(client, uri(firstPath));
        assertTrue(login.body().contains("j_security_check"), "the login form first: " + login.body());
        HttpResponse<String> after = post(client, uri("j_security_check"), "j_username=" + OPERATOR + "&j_password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), "Origin", origin());
        assertEquals(200, after.statusCode(), after.body());
        return after;
    }

    /** Whether the session cookie given reaches the console's API, sent by a client that adds nothing. */
    private boolean reachesTheConsole(String sessionId) throws Exception {
        HttpResponse<String> stats = get(bare(), uri("console/api/stats"), "Cookie", "JSESSIONID=" + sessionId);
        return stats.statusCode() == 200 && stats.body().contains("\"processed\"");
    }

    @Test
    void theSessionIdTheServerGaveBeforeTheLoginChangesAtTheLogin() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient client = browser(cookies);
        HttpResponse<String> loginPage = get(client, uri("console/"));
        String before = sessionId(cookies).orElseThrow(() -> new AssertionError("no session before the login"));
        for (String setCookie : sessionCookies(loginPage)) {
            assertTrue(setCookie.toLowerCase(Locale.ROOT).contains("httponly"), setCookie);
        }
        HttpResponse<String> after = post(client, uri("j_security_check"), "j_username=" + OPERATOR + "&j_password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), "Origin", origin());
        assertEquals(200, after.statusCode(), after.body());
        List<String> set = sessionCookies(after);
        assertFalse(set.isEmpty(), "the login sets a new session cookie");
        set.forEach(setCookie -> assertTrue(setCookie.toLowerCase(Locale.ROOT).contains("httponly"), setCookie));
        String loggedIn = sessionId(cookies).orElseThrow();
        assertNotEquals(before, loggedIn, "the session id changes at the login");
        assertTrue(reachesTheConsole(loggedIn), "the new id is the operator's session");
        assertFalse(reachesTheConsole(before), "the id from before the login is no operator's session");
    }

    @Test
    void aSessionIdMadeUpBeforeTheLoginIsNeverTheOperatorsSession() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpCookie planted = new HttpCookie("JSESSIONID", "planted0123456789planted0123456789");
        planted.setPath("/");
        cookies.getCookieStore().add(uri("/"), planted);
        logIn(browser(cookies), "console/");
        String loggedIn = sessionId(cookies).orElseThrow();
        assertNotEquals(planted.getValue(), loggedIn);
        assertTrue(reachesTheConsole(loggedIn));
        assertFalse(reachesTheConsole(planted.getValue()));
    }

    @Test
    void aSessionIdInTheUrlIsNotHonoured() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient client = browser(cookies);
        HttpResponse<String> after = logIn(client, "console/;jsessionid=planted0123456789planted0123456789");
        String loggedIn = sessionId(cookies).orElseThrow();
        assertNotEquals("planted0123456789planted0123456789", loggedIn);
        assertFalse(after.body().contains(";jsessionid="), after.body());
        HttpResponse<String> byUrl = get(bare(), uri("console/api/stats;jsessionid=" + loggedIn));
        assertFalse(byUrl.body().contains("\"processed\""), "the operator's id in the URL, no cookie: " + byUrl.body());
    }

    @Test
    void theLogOutNeedsTheTokenAndEndsTheSession() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient client = browser(cookies);
        logIn(client, "console/");
        String session = sessionId(cookies).orElseThrow();
        HttpResponse<String> page = get(client, uri("console/stats"));
        String token = page.headers().firstValue("X-CSRF-Token").orElseThrow();
        assertTrue(page.body().contains("action=\"" + base.getPath() + "console/logout\""), "a log-out on the page: "
                + page.body());

        HttpClient noRedirects = bare();
        String cookie = "JSESSIONID=" + session;
        assertEquals(403, post(noRedirects, uri("console/logout"), "", "Cookie", cookie, "Origin", origin())
                .statusCode(), "no token");
        assertEquals(403, post(noRedirects, uri("console/logout"), "csrf=" + token, "Cookie", cookie,
                "Origin", "http://evil.example").statusCode(), "another origin");
        assertEquals(403, post(noRedirects, uri("console/logout"), "csrf=" + token + "x", "Cookie", cookie,
                "Origin", origin()).statusCode(), "a wrong token");
        assertTrue(reachesTheConsole(session), "a refused log-out leaves the session as it was");

        HttpResponse<String> out = post(noRedirects, uri("console/logout"), "csrf=" + token, "Cookie", cookie,
                "Origin", origin());
        assertEquals(303, out.statusCode(), out.body());
        assertEquals(uri("console/").getPath(), URI.create(base.toString()).resolve(
                out.headers().firstValue("Location").orElseThrow()).getPath());
        assertFalse(reachesTheConsole(session), "the session ended");
        HttpResponse<String> again = get(client, uri("console/"));
        assertTrue(again.body().contains("j_security_check"), "the login form again: " + again.body());
    }
}
