package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender jar the build makes ({@code target/gme-sender.jar}), run as a user runs it, with
 * {@code java -jar}, against a receiver on the test server.
 */
@ArquillianTest
class SenderIT {

    private static final String KEY = Secrets.key("sender-secret-key");
    private static final String WRONG_KEY = Secrets.key("sender-wrong-key");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme-sender-it.war", "gme.callback.secret-key=" + KEY);
    }

    private String endpoint() {
        return base + "recording-callback";
    }

    private static Processes.Result send(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("gme.it.sender", "target/gme-sender.jar")));
        command.addAll(List.of(args));
        return Processes.run(command, environment, null);
    }

    @Test
    void sendsASignedSampleOfEachTypeThatTheReceiverAccepts() throws Exception {
        Observations observations = new Observations(base);
        String[] types = {"recording-started", "recording-completed", "upload-completed"};
        String[] observers = {"started", "completed", "uploaded"};
        for (int i = 0; i < types.length; i++) {
            long taskId = Samples.TASK_ID + 50_000_000 + System.nanoTime() % 1_000_000;
            Processes.Result result = send(Map.of("GME_CALLBACK_SECRET_KEY", KEY), "--url", endpoint(), "--type", types[i],
                    "--task-id", Long.toString(taskId));
            assertEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("200 {\"code\":0}"), result.output());
            assertTrue(observations.observers(taskId).contains(observers[i]), types[i] + " reached " + observers[i]);
            assertFalse(result.output().contains(KEY), "the key is never printed");
        }
    }

    @Test
    void sendsAFileExactlyWithAHexSignatureAndAKeyFile(@TempDir Path directory) throws Exception {
        long taskId = Samples.TASK_ID + 51_000_000 + System.nanoTime() % 1_000_000;
        Path body = Files.writeString(directory.resolve("callback.json"), Samples.callback(Samples.BIZ_ID, taskId, 3, "file"));
        Path keyFile = Files.writeString(directory.resolve("key"), KEY + "\n", StandardCharsets.UTF_8);
        Processes.Result result = send(Map.of(), "--url", endpoint(), "--body", body.toString(), "--hex",
                "--key-file", keyFile.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(List.of("any", "uploaded"), new Observations(base).observers(taskId).stream()
                .filter(name -> !name.startsWith("async")).sorted().toList());
    }

    @Test
    void aWrongKeyExitsNonZeroShowingThe401AndNeitherKey() throws Exception {
        Processes.Result result = send(Map.of("GME_CALLBACK_SECRET_KEY", WRONG_KEY), "--url", endpoint(),
                "--type", "upload-completed");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("401 {\"code\":401,\"message\":\"Signature does not match the body\"}"),
                result.output());
        assertFalse(result.output().contains(WRONG_KEY));
        assertFalse(result.output().contains(KEY));
    }

    @Test
    void aKeyOnTheCommandLineWorksButWarns() throws Exception {
        Processes.Result result = send(Map.of(), "--url", endpoint(), "--type", "recording-started", "--key", KEY);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("warning: --key puts the key into your shell history"), result.output());
        assertFalse(result.output().contains(KEY));
    }

    @Test
    void anUnreachableEndpointOrAMissingKeyIsAClearErrorWithItsOwnStatus() throws Exception {
        Processes.Result unreachable = send(Map.of("GME_CALLBACK_SECRET_KEY", KEY), "--url",
                "http://127.0.0.1:9/recording-callback", "--type", "upload-completed");
        assertEquals(3, unreachable.exitCode(), unreachable.output());
        assertTrue(unreachable.output().contains("cannot be reached"), unreachable.output());
        Processes.Result noKey = send(Map.of(), "--url", endpoint(), "--type", "upload-completed");
        assertEquals(2, noKey.exitCode(), noKey.output());
        assertTrue(noKey.output().contains("no key: set GME_CALLBACK_SECRET_KEY or give --key-file FILE"), noKey.output());
    }
}
