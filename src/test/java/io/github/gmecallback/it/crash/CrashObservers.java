package io.github.gmecallback.it.crash;

import io.github.gmecallback.recording.RecordingCallback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The observer of the crash tests' server, which the tests kill while it runs. It talks to the
 * test through files in the directory the environment variable {@code GME_IT_CRASH_DIR} names:
 * while the file {@code gate} exists a callback with UserID {@code crash} holds here, after
 * appending a line to {@code entered-<TaskID>}; once through, it appends one to
 * {@code completed-<TaskID>}. A callback with UserID {@code chaos} takes 20 ms, so that a kill
 * finds dispatches under way.
 */
@ApplicationScoped
public class CrashObservers {

    void held(@Observes RecordingCallback callback) throws IOException, InterruptedException {
        if ("chaos".equals(callback.userId())) {
            Thread.sleep(20);
            return;
        }
        if (!"crash".equals(callback.userId())) {
            return;
        }
        Path directory = Path.of(System.getenv("GME_IT_CRASH_DIR"));
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
