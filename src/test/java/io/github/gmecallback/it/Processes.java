package io.github.gmecallback.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a user's command (a server-config script) as a user would, and returns what it did. */
public final class Processes {

    /** A finished command: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }

    private Processes() {
    }

    public static Result run(List<String> command, Map<String, String> environment, String stdin)
            throws IOException, InterruptedException {
        return run(command, environment, stdin, false);
    }

    /**
     * Runs a command to its end (at most 180 s).
     *
     * @param command     the command and its arguments
     * @param environment variables added to the test JVM's own, or with {@code exact} all it gets
     * @param stdin       what to write to its standard input, or {@code null}
     * @param exact       whether {@code environment} is the whole environment
     * @return its exit code and output
     */
    public static Result run(List<String> command, Map<String, String> environment, String stdin, boolean exact)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (exact) {
            builder.environment().clear();
        }
        builder.environment().putAll(environment);
        File log = File.createTempFile("gme-it-command", ".log");
        log.deleteOnExit();
        builder.redirectOutput(log);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 180 s: " + command);
        }
        return new Result(process.exitValue(), java.nio.file.Files.readString(log.toPath()));
    }
}
