package io.github.gmecallback.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The journal with the {@code jdbc} store on the server's default datasource (H2 on both
 * servers): the table is created on first contact and serves the same answers.
 */
class JdbcJournalIT extends JournalSemantics {

    @Deployment(testable = false)
    static WebArchive receiver() {
        return receiver("gme-journal-jdbc.war", "gme.callback.journal.store=jdbc");
    }
}
