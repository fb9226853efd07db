package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test of a server (the build orders test classes by
 * {@code @Order}) and reads everything that server logged during the suite, rotated files
 * included: no configured key,
 * and no signature a test sent, may appear in it.
 */
@Order(Integer.MAX_VALUE)
class SecretScanIT {

    @Test
    void theServerLoggedNoKeyAndNoSignature() throws Exception {
        Assumptions.assumeFalse(Secrets.keys().isEmpty(), "no other integration test ran in this JVM");
        Path log = ServerLog.directory();
        // Payara writes its log through a queue; give it a moment to catch up.
        Thread.sleep(1000);
        String logged = ServerLog.text();
        // The log of this suite's server: the receiver's own lines are in it.
        assertTrue(logged.contains("accepted ") && logged.contains("refused "), "not the suite's log: " + log);
        List<String> found = new ArrayList<>();
        Secrets.keys().stream().filter(logged::contains).map(k -> "key " + k).forEach(found::add);
        // Thousands of signatures: look each up among the log's base64- and hex-like words.
        Set<String> words = new HashSet<>();
        Matcher word = Pattern.compile("[A-Za-z0-9+/=_-]{20,}").matcher(logged);
        while (word.find()) {
            words.add(word.group());
        }
        Secrets.signatures().stream().filter(words::contains).map(s -> "signature " + s).forEach(found::add);
        assertEquals(List.of(), found, "secrets in " + log + " (" + Secrets.keys().size() + " keys and "
                + Secrets.signatures().size() + " signatures looked for, in " + logged.length() + " characters)");
    }
}
