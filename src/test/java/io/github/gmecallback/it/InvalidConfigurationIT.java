package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** A value the receiver cannot run with fails the deployment, and the failure names the key. */
@ArquillianTest
class InvalidConfigurationIT {

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "negative-size", managed = false, testable = false)
    static WebArchive negativeSize() {
        return Deployments.receiverWithObservers("gme-invalid.war", String.join("\n",
                "gme.callback.secret-key=k", "gme.callback.max-body-bytes=-1"));
    }

    @Test
    void failsTheDeploymentNamingTheKey() {
        String messages = Deployments.failedDeployment(deployer, "negative-size");
        assertTrue(messages.contains("gme.callback.max-body-bytes"), messages);
    }
}
