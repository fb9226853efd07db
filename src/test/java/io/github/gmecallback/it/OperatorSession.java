package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * An operator logged in to a deployment's console through its FORM login, as a browser is: GETs
 * with the session's cookie, and POSTs to the API with the session's CSRF token and a same-origin
 * {@code Origin}.
 */
final class OperatorSession {

    private final URL base;
    private final HttpClient client = ConsoleClient.browser();
    private String token;

    private OperatorSession(URL base) {
        this.base = base;
    }

    /** Logs in: the protected page first, then the login form. */
    static OperatorSession logIn(URL base, String user, String password) throws Exception {
        OperatorSession session = new OperatorSession(base);
        assertTrue(ConsoleClient.get(session.client, session.uri("console/")).body().contains("j_security_check"));
        HttpResponse<String> after = ConsoleClient.post(session.client, session.uri("j_security_check"),
                "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8), "Origin", session.origin());
        assertEquals(200, after.statusCode(), after.body());
        return session;
    }

    URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    String origin() {
        return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    /** A GET under the deployment, as the operator. */
    HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> response = ConsoleClient.get(client, uri(path));
        response.headers().firstValue("X-CSRF-Token").ifPresent(sent -> token = sent);
        return response;
    }

    /** A GET that must answer 200 with JSON. */
    JsonObject json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), response.body());
        return ConsoleClient.json(response);
    }

    /** A POST to the console's API with the session's token and a same-origin {@code Origin}. */
    HttpResponse<String> post(String path) throws Exception {
        if (token == null) {
            get("console/api/stats");
        }
        return ConsoleClient.post(client, uri(path), "", "Origin", origin(), "X-CSRF-Token", token);
    }

    /** A page's form POSTed, as a browser does: the session's token as a field, a same-origin {@code Origin}. */
    HttpResponse<String> form(String path, String fields) throws Exception {
        return ConsoleClient.post(client, uri(path), "csrf=" + URLEncoder.encode(token(), StandardCharsets.UTF_8)
                + "&" + fields, "Origin", origin());
    }

    /** A POST with what a forged request could send: the cookie, without the token or from elsewhere. */
    HttpResponse<String> forged(String path, String origin, String withToken) throws Exception {
        return withToken == null ? ConsoleClient.post(client, uri(path), "", "Origin", origin)
                : ConsoleClient.post(client, uri(path), "", "Origin", origin, "X-CSRF-Token", withToken);
    }

    String token() throws Exception {
        if (token == null) {
            get("console/api/stats");
        }
        return token;
    }
}
