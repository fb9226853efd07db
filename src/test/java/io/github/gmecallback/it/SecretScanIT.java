package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test of a server (the build orders test classes by
 * {@code @Order}) and reads everything that server logged during the suite: no configured key,
 * and no signature a test sent, may appear in it.
 */
@Order(Integer.MAX_VALUE)
class SecretScanIT {

    @Test
    void theServerLoggedNoKeyAndNoSignature() throws Exception {
        Assumptions.assumeFalse(Secrets.keys().isEmpty(), "no other integration test ran in this JVM");
        Path log = Path.of(System.getProperty("gme.it.server-log"));
        // Payara writes its log through a queue; give it a moment to catch up.
        Thread.sleep(1000);
        String logged = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        // The log of this suite's server: the receiver's own lines are in it.
        assertTrue(logged.contains("accepted ") && logged.contains("refused "), "not the suite's log: " + log);
        List<String> found = new ArrayList<>();
        Secrets.keys().stream().filter(logged::contains).map(k -> "key " + k).forEach(found::add);
        Secrets.signatures().stream().filter(logged::contains).map(s -> "signature " + s).forEach(found::add);
        assertEquals(List.of(), found, "secrets in " + log + " (" + Secrets.keys().size() + " keys and "
                + Secrets.signatures().size() + " signatures looked for, in " + logged.length() + " characters)");
    }
}
