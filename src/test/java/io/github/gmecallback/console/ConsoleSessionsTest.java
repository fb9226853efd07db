package io.github.gmecallback.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When the console sends the session cookie {@code Secure} itself: over HTTPS, where the server does not. */
class ConsoleSessionsTest {

    /** A fake of an interface: each method answers from the map by its name, or {@code null}. */
    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("setAttribute")) {
                answers.put("attribute:" + args[0], args[1]);
                return null;
            }
            if (method.getName().equals("getAttribute")) {
                return answers.get("attribute:" + args[0]);
            }
            if (method.getName().equals("addCookie")) {
                ((List<Cookie>) answers.get("cookies")).add((Cookie) args[0]);
                return null;
            }
            return answers.get(method.getName());
        });
    }

    private final Map<String, Object> cookieConfig = new HashMap<>(Map.of("isSecure", false, "getMaxAge", -1));
    private final Map<String, Object> sessionState = new HashMap<>(Map.of("getId", "id-1"));
    private final List<Cookie> sent = new ArrayList<>();

    private List<Cookie> answer(boolean secure) {
        ServletContext context = fake(ServletContext.class, Map.of("getContextPath", "/gme",
                "getSessionCookieConfig", fake(SessionCookieConfig.class, cookieConfig),
                "getEffectiveSessionTrackingModes", Set.of(SessionTrackingMode.COOKIE)));
        HttpServletRequest request = fake(HttpServletRequest.class, Map.of("isSecure", secure,
                "getServletContext", context));
        HttpServletResponse response = fake(HttpServletResponse.class, new HashMap<>(Map.of("cookies", sent)));
        ConsoleSessions.secureCookie(request, response, fake(HttpSession.class, sessionState));
        return sent;
    }

    @Test
    void overHttpsTheSessionCookieIsSentSecureAndHttpOnlyOncePerSessionId() {
        assertEquals(1, answer(true).size());
        Cookie cookie = sent.get(0);
        assertEquals("JSESSIONID", cookie.getName());
        assertEquals("id-1", cookie.getValue());
        assertEquals("/gme", cookie.getPath(), "the server's own cookie, replaced");
        assertTrue(cookie.getSecure() && cookie.isHttpOnly());
        assertEquals(-1, cookie.getMaxAge(), "a session cookie, gone with the browser");
        assertEquals(1, answer(true).size(), "not again for the same id");
        sessionState.put("getId", "id-2");
        assertEquals(2, answer(true).size(), "again after the id changed at the login");
    }

    @Test
    void nothingOverPlainHttpNorWhereTheServerSaysSecureItself() {
        assertEquals(0, answer(false).size(), "a Secure cookie would never come back over plain HTTP");
        cookieConfig.put("isSecure", true);
        assertEquals(0, answer(true).size());
    }

    @Test
    void theCookieKeepsANameAndPathTheServerWasGiven() {
        cookieConfig.put("getName", "OPS");
        cookieConfig.put("getPath", "/");
        Cookie cookie = answer(true).get(0);
        assertEquals("OPS", cookie.getName());
        assertEquals("/", cookie.getPath());
    }
}
