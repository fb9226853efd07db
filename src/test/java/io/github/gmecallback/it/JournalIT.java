package io.github.gmecallback.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The journal with the default {@code memory} store. */
class JournalIT extends JournalSemantics {

    @Deployment(testable = false)
    static WebArchive receiver() {
        return receiver("gme-journal.war");
    }
}
