package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A value the receiver cannot run with fails the deployment, and the failure names the key. */
@ArquillianTest
class InvalidConfigurationIT {

    @ArquillianResource
    Deployer deployer;

    private static WebArchive invalid(String name, String setting) {
        return Deployments.receiverWithObservers("gme-invalid-" + name + ".war", String.join("\n",
                "gme.callback.secret-key=k", setting));
    }

    @Deployment(name = "negative-size", managed = false, testable = false)
    static WebArchive negativeSize() {
        return invalid("negative-size", "gme.callback.max-body-bytes=-1");
    }

    @Deployment(name = "unknown-encoding", managed = false, testable = false)
    static WebArchive unknownEncoding() {
        return invalid("unknown-encoding", "gme.callback.signature-encoding=rot13");
    }

    @Deployment(name = "unknown-store", managed = false, testable = false)
    static WebArchive unknownStore() {
        return invalid("unknown-store", "gme.callback.dedupe.store=redis");
    }

    @Deployment(name = "path-without-slash", managed = false, testable = false)
    static WebArchive pathWithoutSlash() {
        return invalid("path-without-slash", "gme.callback.path=hooks");
    }

    @Deployment(name = "retention-inside-the-window", managed = false, testable = false)
    static WebArchive retentionInsideTheWindow() {
        return invalid("retention-inside-the-window", "gme.callback.dedupe.retention=600");
    }

    @Deployment(name = "unknown-delivery", managed = false, testable = false)
    static WebArchive unknownDelivery() {
        return invalid("unknown-delivery", "gme.callback.delivery=carrier-pigeon");
    }

    @Deployment(name = "inbox-in-memory-stores", managed = false, testable = false)
    static WebArchive inboxInMemoryStores() {
        return invalid("inbox-in-memory-stores", "gme.callback.delivery=inbox");
    }

    @Deployment(name = "no-attempts", managed = false, testable = false)
    static WebArchive noAttempts() {
        return invalid("no-attempts", "gme.callback.inbox.max-attempts=0");
    }

    @Deployment(name = "empty-journal", managed = false, testable = false)
    static WebArchive emptyJournal() {
        return invalid("empty-journal", "gme.callback.journal.size=0");
    }

    @Deployment(name = "console-not-boolean", managed = false, testable = false)
    static WebArchive consoleNotBoolean() {
        return invalid("console-not-boolean", "gme.callback.console.enabled=sometimes");
    }

    @Deployment(name = "ledger-purged-before-overdue", managed = false, testable = false)
    static WebArchive ledgerPurgedBeforeOverdue() {
        return invalid("ledger-purged-before-overdue", "gme.callback.recordings.store=jdbc\n"
                + "gme.callback.recordings.retention=600");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "negative-size, gme.callback.max-body-bytes",
            "unknown-encoding, gme.callback.signature-encoding",
            "unknown-store, gme.callback.dedupe.store",
            "path-without-slash, gme.callback.path",
            "retention-inside-the-window, gme.callback.dedupe.retention",
            "unknown-delivery, gme.callback.delivery",
            "inbox-in-memory-stores, gme.callback.delivery",
            "no-attempts, gme.callback.inbox.max-attempts",
            "empty-journal, gme.callback.journal.size",
            "console-not-boolean, gme.callback.console.enabled",
            "ledger-purged-before-overdue, gme.callback.recordings.retention"})
    void failsTheDeploymentNamingTheKey(String deployment, String key) {
        String messages = Deployments.failedDeployment(deployer, deployment);
        assertTrue(messages.contains(key), messages);
    }
}
