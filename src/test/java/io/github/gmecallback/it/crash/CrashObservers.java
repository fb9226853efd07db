package io.github.gmecallback.it.inbox;

import io.github.gmecallback.recording.RecordingCallback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The observer of the crash test's server, which the test kills while this observer is held. It
 * talks to the test through files in the directory {@code gme.it.crash.dir}: while the file
 * {@code gate} exists a callback with UserID {@code crash} holds here, after creating
 * {@code entered-<TaskID>}; once through, it appends a line to {@code completed-<TaskID>}.
 */
@ApplicationScoped
public class CrashObservers {

    void held(@Observes RecordingCallback callback) throws IOException, InterruptedException {
        if (!"crash".equals(callback.userId())) {
            return;
        }
        Path directory = Path.of(System.getProperty("gme.it.crash.dir"));
        Files.writeString(directory.resolve("entered-" + callback.taskId()), "entered\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (Files.exists(directory.resolve("gate")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Files.writeString(directory.resolve("completed-" + callback.taskId()), "completed\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
