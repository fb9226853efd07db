package io.github.gmecallback.it;

import static io.github.gmecallback.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
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
 * The WAR exactly as shipped, on a server with no secret key anywhere (the build clears
 * {@code GME_CALLBACK_SECRET_KEY} for the test server): it deploys, and fails closed.
 */
@ArquillianTest
class UnconfiguredReceiverIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive shipped() {
        return Deployments.shippedWar("gme-unconfigured.war");
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
