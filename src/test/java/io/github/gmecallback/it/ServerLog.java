package io.github.gmecallback.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything the test server logged in this build: {@code server.log} and the files it was
 * rotated into (Payara rotates at 2 MB, which a load test passes).
 */
final class ServerLog {

    private ServerLog() {
    }

    static Path directory() {
        return Path.of(System.getProperty("gme.it.server-logs"));
    }

    static String text() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(f -> f.getFileName().toString().startsWith("server.log")).sorted()
                    .map(ServerLog::read).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
