package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gmecallback.it.observers.ObservationServlet;
import io.github.gmecallback.it.observers.RecordingObservers;
import java.io.File;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test archives built from what the build produced: the classes jar and the WAR exactly as
 * shipped (their paths come from the build as system properties), plus test observers.
 */
public final class Deployments {

    /** The annotated-discovery beans.xml that makes the test classes a bean archive. */
    public static final String BEANS_XML = """
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
            """;

    private Deployments() {
    }

    /** The classes jar that users embed. */
    public static JavaArchive receiverJar() {
        return ShrinkWrap.create(ZipImporter.class, "gme-recording-callback-classes.jar")
                .importFrom(builtFile("gme.it.classes-jar")).as(JavaArchive.class);
    }

    /** The WAR exactly as the build made it, under another name (and so context root). */
    public static WebArchive shippedWar(String name) {
        return ShrinkWrap.create(ZipImporter.class, name).importFrom(builtFile("gme.it.war")).as(WebArchive.class);
    }

    /**
     * Our WAR's layout (the classes jar in WEB-INF/lib and its web.xml) with the test observers
     * and a MicroProfile Config source holding the given properties, keys included.
     */
    public static WebArchive receiverWithObservers(String name, String microprofileConfig) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addAsLibrary(receiverJar())
                .setWebXML(new File(System.getProperty("gme.it.webapp"), "WEB-INF/web.xml"))
                .addAsWebInfResource(new File(System.getProperty("gme.it.webapp"), "WEB-INF/glassfish-web.xml"),
                        "glassfish-web.xml")
                .addClasses(RecordingObservers.class, ObservationServlet.class)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset(microprofileConfig), "META-INF/microprofile-config.properties");
    }

    /**
     * Deploys an archive that must fail, and returns the messages of the failure and its causes.
     *
     * @param deployer Arquillian's deployer
     * @param name     the unmanaged deployment's name
     * @return every message, a line each
     */
    public static String failedDeployment(Deployer deployer, String name) {
        Exception e = assertThrows(Exception.class, () -> deployer.deploy(name), name + " must not deploy");
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static File builtFile(String property) {
        String path = System.getProperty(property);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("System property " + property + " must name a file the build made "
                    + "(run the integration tests through ./mvnw verify); it is " + path);
        }
        return new File(path);
    }
}
