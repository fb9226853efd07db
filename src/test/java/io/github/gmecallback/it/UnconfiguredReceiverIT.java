package io.github.gmecallback.it;

import static io.github.gmecallback.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.observers.SettingsServlet;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The WAR exactly as shipped, on a server with no secret key anywhere: it deploys, and fails
 * closed. And the test server sees no receiver setting of the shell that started the build: the
 * build plants {@code GME_CALLBACK_SECRET_KEY_1400000000}, {@code GME_CALLBACK_DELIVERY},
 * {@code gme.callback.max-body-bytes} and a {@code -Dgme.callback.journal.store} in
 * {@code JDK_JAVA_OPTIONS} into the test JVM's environment, as a developer's shell might hold
 * them, and its wrapper of {@code java} must keep every one from the servers.
 */
@ArquillianTest
class UnconfiguredReceiverIT {

    /** The key the build plants in the test JVM's environment (GME_CALLBACK_SECRET_KEY_1400000000). */
    private static final String PLANTED_KEY = Secrets.key("planted-by-the-build");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive shipped() {
        return Deployments.shippedWar("gme-unconfigured.war").addClass(SettingsServlet.class);
    }

    @Test
    void theServerSeesNoReceiverSettingOfTheShell() {
        HttpResponse<String> settings = Http.get(URI.create(base.toString()).resolve("test/settings"));
        assertEquals(200, settings.statusCode());
        assertEquals("", settings.body(), "receiver settings in the test server's environment or system properties");
    }

    @Test
    void aCallbackSignedWithTheKeyPlantedInTheShellGets503() {
        URI endpoint = URI.create(base.toString()).resolve("recording-callback");
        byte[] body = utf8(Samples.callback(Samples.TASK_ID, 3));
        HttpResponse<String> response = Http.post(endpoint, body, CallbackSigner.base64(body, PLANTED_KEY));
        assertEquals(503, response.statusCode(), response.body());
    }

    @Test
    void answers503WithoutAnyKeyEvenForASignedCallback() {
        URI endpoint = URI.create(base.toString()).resolve("recording-callback");
        byte[] body = utf8(Samples.callback(Samples.TASK_ID, 3));
        HttpResponse<String> response = Http.post(endpoint, body, CallbackSigner.base64(body, "any-key"));
        assertEquals(503, response.statusCode());
        assertEquals("{\"code\":503,\"message\":\"the receiver has no secret key configured\"}", response.body());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
    }

    @Test
    void stillAnswers405FirstForOtherMethods() {
        URI endpoint = URI.create(base.toString()).resolve("recording-callback");
        assertEquals(405, Http.get(endpoint).statusCode());
    }
}
