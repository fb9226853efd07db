package io.github.gmecallback.it;

import static io.github.gmecallback.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.it.ear.EarJournalServlet;
import io.github.gmecallback.it.ear.EarObservationServlet;
import io.github.gmecallback.it.ear.EarObservations;
import io.github.gmecallback.it.ear.EjbObservers;
import io.github.gmecallback.it.ear.LibObservers;
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
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classes jar in an EAR's lib/, as the README lays it out: a host web module that holds
 * only the opt-in web.xml, observers in a lib/ jar and in an EJB jar, and an unrelated web
 * module that exposes no endpoint (here it reports what the observers saw, and the counters of the
 * application's one receiver, through {@code CallbackJournal}).
 */
@ArquillianTest
class EmbeddedEarIT {

    private static final String KEY = Secrets.key("ear-secret-key");
    private static final AtomicLong TASK_IDS = new AtomicLong(Samples.TASK_ID + 7_000_000 + System.nanoTime() % 100_000 * 10);

    @ArquillianResource
    URL anyModule;

    private URI server;

    @Deployment(testable = false)
    static EnterpriseArchive enterprise() {
        JavaArchive libObservers = ShrinkWrap.create(JavaArchive.class, "observers-lib.jar")
                .addClasses(LibObservers.class, EarObservations.class)
                .addAsManifestResource(new StringAsset(Deployments.BEANS_XML), "beans.xml");
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "gme-config.jar")
                .addAsManifestResource(new StringAsset("gme.callback.secret-key=" + KEY), "microprofile-config.properties");
        JavaArchive ejb = ShrinkWrap.create(JavaArchive.class, "observers-ejb.jar")
                .addClass(EjbObservers.class)
                .addAsManifestResource(new StringAsset(Deployments.BEANS_XML), "beans.xml");
        WebArchive host = ShrinkWrap.create(WebArchive.class, "host.war")
                .setWebXML(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <context-param>
                                <param-name>io.github.gmecallback.host</param-name>
                                <param-value>true</param-value>
                            </context-param>
                        </web-app>
                        """));
        WebArchive other = ShrinkWrap.create(WebArchive.class, "other.war")
                .addClasses(EarObservationServlet.class, EarJournalServlet.class)
                .addAsWebInfResource(new StringAsset(Deployments.BEANS_XML), "beans.xml");
        return ShrinkWrap.create(EnterpriseArchive.class, "enterprise.ear")
                .addAsLibraries(Deployments.receiverJar(), libObservers, config)
                .addAsModules(ejb, host, other)
                .setApplicationXML(new StringAsset("""
                        <application xmlns="https://jakarta.ee/xml/ns/jakartaee" version="10">
                            <module><ejb>observers-ejb.jar</ejb></module>
                            <module><web><web-uri>host.war</web-uri><context-root>/host</context-root></web></module>
                            <module><web><web-uri>other.war</web-uri><context-root>/other</context-root></web></module>
                            <library-directory>lib</library-directory>
                        </application>
                        """));
    }

    @BeforeEach
    void server() {
        server = URI.create(anyModule.getProtocol() + "://" + anyModule.getHost() + ":" + anyModule.getPort() + "/");
    }

    private List<String> observed(long taskId) {
        String body = Http.get(server.resolve("other/test/observations")).body();
        return body.lines().filter(l -> l.split(" ")[1].equals(Long.toString(taskId)))
                .map(l -> l.split(" ")[0]).sorted().toList();
    }

    private List<String> await(long taskId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> seen = observed(taskId);
        while (seen.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = observed(taskId);
        }
        return seen;
    }

    /** The signal before a negative check: a later callback reached its asynchronous observer. */
    private void afterALaterCallback() throws InterruptedException {
        long taskId = TASK_IDS.incrementAndGet();
        byte[] body = utf8(Samples.callback(taskId, 1));
        assertEquals(200, Http.post(server.resolve("host/recording-callback"), body, CallbackSigner.base64(body, KEY))
                .statusCode());
        Poll.until("the later callback's asynchronous observer", java.time.Duration.ofSeconds(10),
                () -> observed(taskId).contains("ejb-async-any"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void observersInLibJarsAndEjbJarsReceiveEachTypeFromTheHostModule(int eventType) throws Exception {
        long taskId = TASK_IDS.incrementAndGet();
        byte[] body = utf8(Samples.callback(taskId, eventType));
        var response = Http.post(server.resolve("host/recording-callback"), body, CallbackSigner.base64(body, KEY));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"code\":0}", response.body());

        List<String> expected = switch (eventType) {
            case 1 -> List.of("ejb-any", "ejb-async-any", "lib-started");
            case 2 -> List.of("ejb-any", "ejb-async-any", "lib-completed");
            default -> List.of("ejb-any", "ejb-async-any", "ejb-uploaded", "lib-async-uploaded", "lib-uploaded");
        };
        assertEquals(expected, await(taskId, expected.size()));
    }

    @Test
    void anotherWebModuleSeesTheOneReceiverOfTheApplication() throws Exception {
        long before = Long.parseLong(Http.get(server.resolve("other/test/processed")).body().strip());
        long taskId = TASK_IDS.incrementAndGet();
        byte[] body = utf8(Samples.callback(taskId, 2));
        assertEquals(200, Http.post(server.resolve("host/recording-callback"), body, CallbackSigner.base64(body, KEY))
                .statusCode());
        assertEquals(before + 1, Long.parseLong(Http.get(server.resolve("other/test/processed")).body().strip()),
                "the counters the host module's receiver keeps, read through CallbackJournal in another module");
    }

    @Test
    void aRefusedCallbackReachesNoObserver() throws Exception {
        long taskId = TASK_IDS.incrementAndGet();
        byte[] body = utf8(Samples.callback(taskId, 3));
        var response = Http.post(server.resolve("host/recording-callback"), body, CallbackSigner.base64(body, "wrong"));
        assertEquals(401, response.statusCode());
        afterALaterCallback();
        assertEquals(List.of(), observed(taskId));
    }

    @Test
    void anUnrelatedWebModuleExposesNoEndpoint() throws Exception {
        long taskId = TASK_IDS.incrementAndGet();
        byte[] body = utf8(Samples.callback(taskId, 3));
        URI endpoint = server.resolve("other/recording-callback");
        assertNotOurs(Http.post(endpoint, body, CallbackSigner.base64(body, KEY)));
        assertEquals(404, Http.get(endpoint).statusCode());
        afterALaterCallback();
        assertEquals(List.of(), observed(taskId));
    }

    /**
     * Not the receiver's answer: a server's own "not found" (WildFly's default servlet answers
     * a POST to an unmapped path with 405, Payara with 404), never our JSON.
     */
    static void assertNotOurs(java.net.http.HttpResponse<String> response) {
        assertTrue(response.statusCode() == 404 || response.statusCode() == 405, response.toString());
        assertFalse(response.body().contains("\"code\""), response.body());
    }
}
