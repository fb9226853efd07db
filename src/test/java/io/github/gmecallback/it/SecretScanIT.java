package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test of a server (the build orders test classes by
 * {@code @Order}) and reads everything the servers logged during the suite, rotated files
 * included: the Arquillian server's log and those of the servers tests ran themselves (the crash
 * tests'). No configured key, no signature a test sent and no body a test sent signed may appear
 * in them, wherever it stands ({@link SecretFinder}: {@code Signature=…} and {@code sha1:…}
 * included).
 */
@Order(Integer.MAX_VALUE)
class SecretScanIT {

    @Test
    void theServersLoggedNoKeyNoSignatureAndNoBody() throws Exception {
        Assumptions.assumeFalse(Secrets.keys().isEmpty(), "no other integration test ran in this JVM");
        // Payara writes its log through a queue: wait until the suite's last line is in it.
        Poll.until("the server's log to show the suite's callbacks", java.time.Duration.ofSeconds(10),
                () -> ServerLog.text().contains("accepted ") && ServerLog.text().contains("refused "));
        SecretFinder finder = new SecretFinder().add("key", Secrets.keys()).add("signature", Secrets.signatures())
                .add("body", Secrets.bodies());
        List<String> found = new ArrayList<>();
        long characters = 0;
        for (Path directory : ServerLog.directories()) {
            String logged = ServerLog.text(directory);
            characters += logged.length();
            finder.in(logged).forEach(secret -> found.add(directory + ": " + secret));
        }
        assertTrue(characters > 0, "no log read in " + ServerLog.directories());
        assertEquals(List.of(), found, "secrets in " + ServerLog.directories() + " (" + Secrets.keys().size()
                + " keys, " + Secrets.signatures().size() + " signatures and " + Secrets.bodies().size()
                + " bodies looked for, in " + characters + " characters)");
    }
}
