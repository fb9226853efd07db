package io.github.gmecallback.it;

import static io.github.gmecallback.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.observers.ObservationServlet;
import io.github.gmecallback.it.observers.RecordingObservers;
import io.github.gmecallback.signature.CallbackSigner;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classes jar in a user's own WAR (WEB-INF/lib), no web.xml and no code: the receiver
 * registers itself at {@code gme.callback.path}, and the WAR's own beans observe the events.
 */
@ArquillianTest
class EmbeddedWarIT {

    private static final String KEY = Secrets.key("shop-secret-key");
    private static final AtomicLong TASK_IDS = new AtomicLong(Samples.TASK_ID + 8_000_000 + System.nanoTime() % 100_000 * 10);

    @ArquillianResource
    URL base;

    private Observations observations;

    @Deployment(testable = false)
    static WebArchive shop() {
        return ShrinkWrap.create(WebArchive.class, "shop.war")
                .addAsLibrary(Deployments.receiverJar())
                .addClasses(RecordingObservers.class, ObservationServlet.class)
                .addAsWebInfResource(new StringAsset(Deployments.BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset("gme.callback.secret-key=" + KEY + "\n"
                        + "gme.callback.path=/hooks/gme-recording\n"), "META-INF/microprofile-config.properties");
    }

    @BeforeEach
    void observations() {
        observations = new Observations(base);
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void theWarsOwnBeansObserveCallbacksAtTheConfiguredPath(int eventType) throws Exception {
        long taskId = TASK_IDS.incrementAndGet();
        byte[] body = utf8(Samples.callback(taskId, eventType));
        var response = Http.post(uri("hooks/gme-recording"), body, CallbackSigner.base64(body, KEY));
        assertEquals(200, response.statusCode(), response.body());
        String qualified = List.of("started", "completed", "uploaded").get(eventType - 1);
        List<String> expected = eventType == 3
                ? List.of("any", "async-any", "async-uploaded", qualified)
                : List.of("any", "async-any", qualified);
        assertEquals(expected, observations.await(taskId, s -> s.size() >= expected.size()).stream().sorted().toList());
    }

    @Test
    void aRefusedCallbackReachesNoObserver() throws Exception {
        long taskId = TASK_IDS.incrementAndGet();
        byte[] body = utf8(Samples.callback(taskId, 3));
        assertEquals(401, Http.post(uri("hooks/gme-recording"), body, CallbackSigner.base64(body, "wrong")).statusCode());
        observations.afterALaterCallback(uri("hooks/gme-recording"), KEY);
        assertEquals(List.of(), observations.of(taskId));
    }

    @Test
    void theConsoleIsOffWhenEmbeddedUnlessTurnedOn() {
        assertEquals(404, Http.get(uri("console/")).statusCode());
        assertEquals(404, Http.get(uri("console/api/stats")).statusCode());
    }

    @Test
    void theDefaultPathIsNotMappedWhenAnotherIsConfigured() {
        byte[] body = utf8(Samples.callback(TASK_IDS.incrementAndGet(), 3));
        EmbeddedEarIT.assertNotOurs(Http.post(uri("recording-callback"), body, CallbackSigner.base64(body, KEY)));
        assertEquals(404, Http.get(uri("recording-callback")).statusCode());
    }
}
