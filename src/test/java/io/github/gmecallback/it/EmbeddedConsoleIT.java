package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.it.observers.ObservationServlet;
import io.github.gmecallback.it.observers.RecordingObservers;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console embedded in a user's WAR, turned on ({@code gme.callback.console.enabled=true}) at
 * a path of the user's ({@code gme.callback.console.path=/ops/gme}), behind the host's own login
 * configuration as docs/journal-and-console.md shows it (BASIC here, the role mapped for Payara in
 * {@code glassfish-web.xml}): every console URL refuses anonymous requests, an operator gets in,
 * and the default path serves nothing.
 */
@ArquillianTest
class EmbeddedConsoleIT {

    private static final String KEY = Secrets.key("ops-secret-key");
    private static final String OPERATOR = "gme-it-embedded-operator";
    private static final String PASSWORD = Secrets.key("embedded-operator-password");
    private static final List<String> GETS = List.of("ops/gme/", "ops/gme/stats", "ops/gme/entry/1",
            "ops/gme/entry/1/replay", "ops/gme/api/callbacks", "ops/gme/api/callbacks/1", "ops/gme/api/stats");
    private static final List<String> POSTS = List.of("ops/gme/entry/1/replay", "ops/gme/api/callbacks/1/replay");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive host() {
        return ShrinkWrap.create(WebArchive.class, "ops.war")
                .addAsLibrary(Deployments.receiverJar())
                .addClasses(RecordingObservers.class, ObservationServlet.class)
                .addAsWebInfResource(new StringAsset(Deployments.BEANS_XML), "beans.xml")
                .setWebXML(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <login-config>
                                <auth-method>BASIC</auth-method>
                                <realm-name>ops</realm-name>
                            </login-config>
                            <security-role><role-name>gme-operator</role-name></security-role>
                            <security-constraint>
                                <web-resource-collection>
                                    <web-resource-name>GME console</web-resource-name>
                                    <url-pattern>/ops/gme/*</url-pattern>
                                </web-resource-collection>
                                <auth-constraint><role-name>gme-operator</role-name></auth-constraint>
                            </security-constraint>
                        </web-app>
                        """))
                .addAsWebInfResource(new StringAsset("""
                        <glassfish-web-app>
                            <security-role-mapping>
                                <role-name>gme-operator</role-name>
                                <group-name>gme-operator</group-name>
                            </security-role-mapping>
                        </glassfish-web-app>
                        """), "glassfish-web.xml")
                .addAsResource(new StringAsset(String.join("\n", "gme.callback.secret-key=" + KEY,
                        "gme.callback.console.enabled=true", "gme.callback.console.path=/ops/gme")),
                        "META-INF/microprofile-config.properties");
    }

    @BeforeAll
    static void addOperator() throws Exception {
        assertEquals(0, Operators.add(OPERATOR, PASSWORD).exitCode());
    }

    @AfterAll
    static void removeOperator() throws Exception {
        assertEquals(0, Operators.remove(OPERATOR).exitCode());
    }

    private HttpResponse<String> send(String method, String path, String user, String... headers) throws Exception {
        return send(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), method, path, user, headers);
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String user, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyConsoleUrlRefusesAnonymousRequests() throws Exception {
        for (String path : GETS) {
            HttpResponse<String> response = send("GET", path, null);
            assertEquals(401, response.statusCode(), "GET " + path + ": " + response.body());
            assertFalse(response.body().contains("\"processed\""), path);
        }
        for (String path : POSTS) {
            assertEquals(401, send("POST", path, null).statusCode(), "POST " + path);
        }
    }

    @Test
    void anOperatorGetsInAtTheConfiguredPathAndTheDefaultPathServesNothing() throws Exception {
        HttpResponse<String> stats = send("GET", "ops/gme/api/stats", OPERATOR);
        assertEquals(200, stats.statusCode(), stats.body());
        assertTrue(stats.body().contains("\"processed\""), stats.body());
        HttpResponse<String> page = send("GET", "ops/gme/", OPERATOR);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Callbacks"), page.body());
        assertEquals(404, send("GET", "console/api/stats", OPERATOR).statusCode());
    }

    /**
     * The log-out where the host authenticates (BASIC here, the host's session configuration):
     * refused without the session's token, and with it the console's session ends, its token with
     * it; the next request with the credentials starts another session. The client keeps its
     * cookies: Payara gives the session a new id at every BASIC authentication.
     */
    @Test
    void theLogOutEndsTheConsolesSessionUnderTheHostsLogin() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
        HttpResponse<String> page = send(client, "GET", "ops/gme/stats", OPERATOR);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("action=\"" + base.getPath() + "ops/gme/logout\""), page.body());
        String token = page.headers().firstValue("X-CSRF-Token").orElseThrow();
        String origin = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();

        assertEquals(403, send(client, "POST", "ops/gme/logout", OPERATOR, "Origin", origin).statusCode(), "no token");
        assertEquals(token, send(client, "GET", "ops/gme/api/stats", OPERATOR).headers().firstValue("X-CSRF-Token")
                .orElseThrow(), "a refused log-out leaves the session as it was");
        String session = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(c -> c.getName() + "=" + c.getValue()).findFirst().orElseThrow();
        HttpResponse<String> out = send(client, "POST", "ops/gme/logout", OPERATOR, "Origin", origin,
                "X-CSRF-Token", token);
        assertEquals(303, out.statusCode(), out.body());
        assertTrue(out.headers().firstValue("Location").orElseThrow().endsWith("/ops/gme/"), out.headers().map()
                .toString());
        assertEquals(401, send("GET", "ops/gme/api/stats", null, "Cookie", session).statusCode(),
                "the ended session's cookie alone never gets in");
        HttpResponse<String> next = send(client, "GET", "ops/gme/api/stats", OPERATOR);
        assertEquals(200, next.statusCode(), next.body());
        assertNotEquals(token, next.headers().firstValue("X-CSRF-Token").orElseThrow(), "the old session ended");
    }
}
